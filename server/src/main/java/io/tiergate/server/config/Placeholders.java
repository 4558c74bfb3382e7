package io.tiergate.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ${VAR}} in a value of the file, filled from the environment. */
final class Placeholders {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

  private final Function<String, String> environment;

  Placeholders(Function<String, String> environment) {
    this.environment = environment;
  }

  /**
   * @return {@code text} with every placeholder filled; null when one names a variable that is
   *     not set, reported against {@code key}
   */
  String fill(String text, KeyPath key, ConfigProblems problems) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    List<String> unset = new ArrayList<>();
    while (m.find()) {
      String value = environment.apply(m.group(1));
      if (value == null) {
        unset.add(m.group(1));
        value = "";
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    if (!unset.isEmpty()) {
      problems.error(key, "refers to environment variable" + (unset.size() > 1 ? "s " : " ")
          + String.join(", ", unset) + (unset.size() > 1 ? ", which are" : ", which is")
          + " not set");
      return null;
    }
    return out.toString();
  }
}
