package io.tiergate.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Environment variables that override keys of the file: {@code stores.redshift.password} is
 * {@code TIERGATE_STORES_REDSHIFT_PASSWORD} (upper case, dots and dashes as underscores), whether
 * the file has the key or not; the sections on the way are created. A list key takes
 * {@code a,b,c} or a YAML flow list {@code [a, b]}.
 *
 * <p>The known names come from the schema, so every key of every section can be overridden. The
 * entries of a map ({@code tables.<name>}, {@code server.users.<name>}, a table's
 * {@code columns} and {@code lifecycle}) are the operator's own names, which no schema lists:
 * those are overridable only when the file names the entry (then every key below it is).
 *
 * <p>A {@code TIERGATE_} variable that is no key is most likely a misspelt one; silently ignoring
 * it would leave, say, the file's password in force while the operator believes otherwise. It is
 * reported as a warning naming the nearest key, when the environment can be listed.
 */
final class EnvironmentOverrides {
  private static final String PREFIX = KeyPath.ENVIRONMENT_PREFIX + "_";

  /**
   * {@code TIERGATE_} variables that are not configuration keys, read by other parts of
   * Tiergate; they must not be reported as misspelt keys.
   */
  static final Set<String> NOT_KEYS = Set.of(
      "TIERGATE_TRINO_JAVA_HOME", // local-stack JdkFinder: the JDK the local Trino runs on
      "TIERGATE_LOG_LEVEL"); // server logback.xml: the level of the io.tiergate loggers

  private final ConfigSchema schema;
  private final ObjectMapper yaml;
  private final Function<String, String> lookup;
  private final Set<String> names;

  /**
   * @param yaml reads a list given as a YAML flow list
   * @param names every variable of the environment, to report the unknown ones; null when the
   *     environment can only be looked up by name (then none are reported)
   */
  EnvironmentOverrides(ConfigSchema schema, ObjectMapper yaml, Function<String, String> lookup,
      Set<String> names) {
    this.schema = schema;
    this.yaml = yaml;
    this.lookup = lookup;
    this.names = names;
  }

  /**
   * Sets every key that has a variable in {@code root}.
   *
   * @return the keys set, each with the variable that set it (its value is then taken as it
   *     is: no {@code ${VAR}} placeholders are filled into it)
   */
  Map<KeyPath, String> apply(ObjectNode root, ConfigProblems problems) {
    Known known = new Known();
    known.collect(schema.root(), root, KeyPath.ROOT);
    Map<KeyPath, String> applied = new LinkedHashMap<>();
    known.keys.forEach((variable, key) -> {
      String value = lookup.apply(variable);
      if (value == null) {
        return;
      }
      JsonNode node = node(value, schema.find(key), key, variable, problems);
      if (node != null && set(root, key, variable, node, problems)) {
        applied.put(key, variable);
      }
    });
    if (names != null) {
      for (String variable : new TreeSet<>(names)) {
        if (variable.startsWith(PREFIX) && !known.keys.containsKey(variable)
            && !NOT_KEYS.contains(variable)) {
          problems.warning(unknown(variable, known));
        }
      }
    }
    return applied;
  }

  private static String unknown(String variable, Known known) {
    KeyPath section = known.sections.get(variable);
    if (section != null) {
      String example = known.keys.keySet().stream().filter(k -> k.startsWith(variable + "_"))
          .findFirst().map(k -> " (such as " + k + ")").orElse("");
      return variable + " names the section " + section + ", not a key, and is ignored; set"
          + " its keys one by one" + example;
    }
    String nearest = NearestName.of(variable, known.keys.keySet());
    StringBuilder text = new StringBuilder(variable)
        .append(" is not a configuration key and is ignored");
    if (nearest != null) {
      text.append("; the nearest is ").append(nearest).append(" (")
          .append(known.keys.get(nearest)).append(')');
    }
    known.maps.forEach((mapVariable, map) -> {
      if (variable.startsWith(mapVariable + "_")) {
        text.append("; an entry of ").append(map)
            .append(" is only overridden when the file names it");
      }
    });
    return text.toString();
  }

  private JsonNode node(String value, ConfigSchema.Node key, KeyPath path, String variable,
      ConfigProblems problems) {
    if (key.kind() != ConfigSchema.Kind.LIST) {
      return TextNode.valueOf(value);
    }
    String text = value.trim();
    if (text.startsWith("[")) {
      try {
        JsonNode list = yaml.readTree(text);
        if (list instanceof ArrayNode) {
          return list;
        }
      } catch (JsonProcessingException e) {
        // reported below
      }
      problems.error(path, variable + " is not a list: give a,b,c or [a, b, c]");
      return null;
    }
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    for (String element : text.split(",")) {
      if (!element.isBlank()) {
        list.add(element.trim());
      }
    }
    return list;
  }

  /** Sets {@code key} to {@code value}, creating the sections on the way. */
  private static boolean set(ObjectNode root, KeyPath key, String variable, JsonNode value,
      ConfigProblems problems) {
    ObjectNode parent = root;
    List<String> segments = key.segments();
    KeyPath walked = KeyPath.ROOT;
    for (String segment : segments.subList(0, segments.size() - 1)) {
      walked = walked.child(segment);
      JsonNode child = parent.get(segment);
      if (child == null || child.isNull()) {
        child = parent.putObject(segment);
      } else if (!(child instanceof ObjectNode)) {
        problems.error(key, variable + " cannot be applied: " + walked
            + " in the file is not a section");
        return false;
      }
      parent = (ObjectNode) child;
    }
    parent.set(segments.get(segments.size() - 1), value);
    return true;
  }

  /** The variable names of the keys, sections and maps that the schema and the file allow. */
  private static final class Known {
    final Map<String, KeyPath> keys = new LinkedHashMap<>();
    final Map<String, KeyPath> sections = new LinkedHashMap<>();
    final Map<String, KeyPath> maps = new LinkedHashMap<>();

    void collect(ConfigSchema.Node node, JsonNode inFile, KeyPath path) {
      switch (node.kind()) {
        case SECTION -> {
          sections.put(path.environmentName(), path);
          node.properties().forEach((name, child) -> collect(child,
              inFile == null ? null : inFile.get(name), path.child(name)));
        }
        case MAP -> {
          sections.put(path.environmentName(), path);
          maps.put(path.environmentName(), path);
          if (inFile instanceof ObjectNode entries) {
            entries.fieldNames().forEachRemaining(name -> collect(node.content(),
                entries.get(name), path.child(name)));
          }
        }
        // Two entries spelt alike (a-b, a_b) share a variable: the first in the file has it.
        case LIST, VALUE -> keys.putIfAbsent(path.environmentName(), path);
      }
    }
  }
}
