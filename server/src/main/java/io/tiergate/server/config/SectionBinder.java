package io.tiergate.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the file's tree against the schema, key by key and record by record, so that one run
 * reports every problem: unknown keys, unset {@code ${VAR}} placeholders, values of the wrong
 * type, and each record's own checks (its compact constructor). Binding the whole file at once
 * would stop at the first.
 *
 * <p>A bad value is reported and dropped from the tree, and checking goes on around it: its
 * section is still bound without it, so that section's other checks still run (with the dropped
 * key at its default).
 */
final class SectionBinder {
  /**
   * A key path opening a record's error message, then a colon or a space; list elements as
   * {@code rules[2]}.
   */
  private static final Pattern LEADING_KEY =
      Pattern.compile("([A-Za-z0-9_.\\-]+(?:\\[\\d+\\][A-Za-z0-9_.\\-]*)*)(:\\s*|\\s+)");
  private static final int LONGEST_SHOWN_VALUE = 60;

  private final ConfigSchema schema;
  private final ObjectMapper mapper;
  private final Placeholders placeholders;
  private final Map<KeyPath, String> fromEnvironment;
  private final ConfigProblems problems;

  /**
   * @param fromEnvironment keys set by environment variables: taken literally (no placeholders)
   *     and named in their errors
   */
  SectionBinder(ConfigSchema schema, ObjectMapper mapper, Placeholders placeholders,
      Map<KeyPath, String> fromEnvironment, ConfigProblems problems) {
    this.schema = schema;
    this.mapper = mapper;
    this.placeholders = placeholders;
    this.fromEnvironment = fromEnvironment;
    this.problems = problems;
  }

  /** Checks {@code root}; on return every problem is reported and its value gone from it. */
  void check(ObjectNode root) {
    check(root, schema.root(), KeyPath.ROOT, null);
  }

  /**
   * @param variable the environment variable this value comes from; null: from the file
   * @return the value to keep (placeholders filled), or null to drop it (it was reported)
   */
  private JsonNode check(JsonNode node, ConfigSchema.Node key, KeyPath path, String variable) {
    if (node == null || node.isNull()) {
      return node; // absent: the record's default applies
    }
    return switch (key.kind()) {
      case SECTION -> section(node, key, path, variable);
      case MAP -> map(node, key, path, variable);
      case LIST -> list(node, key, path, variable);
      case VALUE -> value(node, key, path, variable);
    };
  }

  private JsonNode section(JsonNode node, ConfigSchema.Node key, KeyPath path,
      String variable) {
    if (!(node instanceof ObjectNode object)) {
      problems.error(path, "expected a section of keys, not " + shown(node, path, variable));
      return null;
    }
    for (String name : names(object)) {
      KeyPath childPath = path.child(name);
      ConfigSchema.Node child = key.property(name);
      if (child == null) {
        problems.error(childPath, "unknown key; did you mean "
            + path.child(NearestName.of(name, key.properties().keySet())) + "?");
        object.remove(name);
        continue;
      }
      keep(object, name, check(object.get(name), child, childPath, variable(childPath,
          variable)));
    }
    try {
      mapper.treeToValue(object, key.type());
      return object;
    } catch (JsonProcessingException | IllegalArgumentException e) {
      recordProblem(path, e);
      return null;
    }
  }

  private JsonNode map(JsonNode node, ConfigSchema.Node key, KeyPath path, String variable) {
    if (!(node instanceof ObjectNode object)) {
      problems.error(path, "expected named entries (name: value), not "
          + shown(node, path, variable));
      return null;
    }
    for (String name : names(object)) {
      KeyPath childPath = path.child(name);
      keep(object, name, check(object.get(name), key.content(), childPath,
          variable(childPath, variable)));
    }
    return object; // a bad entry was reported and dropped; the others stand
  }

  private JsonNode list(JsonNode node, ConfigSchema.Node key, KeyPath path, String variable) {
    if (!(node instanceof ArrayNode array)) {
      problems.error(path, "expected a list ([a, b]), not " + shown(node, path, variable)
          + from(variable));
      return null;
    }
    boolean ok = true;
    for (int i = 0; i < array.size(); i++) {
      JsonNode element = check(array.get(i), key.content(), path.index(i), variable);
      if (element == null) {
        ok = false;
      } else {
        array.set(i, element);
      }
    }
    return ok ? array : null; // a list with a hole would mean something else
  }

  private JsonNode value(JsonNode node, ConfigSchema.Node key, KeyPath path, String variable) {
    if (node.isContainerNode()) {
      problems.error(path, "expected " + describe(key.type()) + ", not "
          + shown(node, path, variable) + from(variable));
      return null;
    }
    JsonNode value = node;
    if (variable == null && node.isTextual()) {
      String filled = placeholders.fill(node.asText(), path, problems);
      if (filled == null) {
        return null;
      }
      value = TextNode.valueOf(filled);
    }
    if (ConfigSchema.isSecret(path.name())) {
      problems.secret(value.asText());
    }
    try {
      mapper.treeToValue(value, key.type());
      return value;
    } catch (JsonProcessingException | IllegalArgumentException e) {
      problems.error(path, "expected " + describe(key.type()) + ", not "
          + shown(value, path, variable) + from(variable));
      return null;
    }
  }

  /**
   * A record's constructor refused its values. Its message often opens with the key it is about,
   * absolute ({@code stores.dynamodb.retry-mode must be ...}) or relative to the record
   * ({@code lifecycle.hot: ...} from a table); that key is the error's, the rest its reason.
   */
  private void recordProblem(KeyPath section, Exception e) {
    Throwable cause = e.getCause();
    if (!(e instanceof JsonMappingException) || cause == null || cause.getMessage() == null) {
      // Not a constructor's refusal (the values were checked one by one, so this is rare).
      KeyPath at = e instanceof JsonMappingException mapping ? within(section, mapping) : section;
      problems.error(at, e instanceof JsonProcessingException p ? p.getOriginalMessage()
          : String.valueOf(e.getMessage()));
      return;
    }
    String message = cause.getMessage();
    Matcher m = LEADING_KEY.matcher(message);
    if (m.lookingAt() && m.end() < message.length()) {
      KeyPath named = dotted(m.group(1));
      String reason = message.substring(m.end());
      if (named.startsWith(section) && schema.find(named) != null) {
        problems.error(named, reason);
        return;
      }
      KeyPath relative = new KeyPath(concat(section, named));
      if (m.group(2).startsWith(":") && schema.find(relative) != null) {
        problems.error(relative, reason);
        return;
      }
    }
    problems.error(section, message);
  }

  private static KeyPath within(KeyPath section, JsonMappingException e) {
    KeyPath at = section;
    for (JsonMappingException.Reference ref : e.getPath()) {
      at = ref.getFieldName() != null ? at.child(ref.getFieldName()) : at.index(ref.getIndex());
    }
    return at;
  }

  private String variable(KeyPath path, String inherited) {
    String own = fromEnvironment.get(path);
    return own != null ? own : inherited;
  }

  private static String from(String variable) {
    return variable == null ? "" : " (set by " + variable + ")";
  }

  private static String shown(JsonNode node, KeyPath path, String variable) {
    if (node.isObject()) {
      return "a section";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (ConfigSchema.isSecret(path.name())) {
      return ConfigProblems.MASK;
    }
    String text = node.asText();
    return "'" + (text.length() > LONGEST_SHOWN_VALUE
        ? text.substring(0, LONGEST_SHOWN_VALUE) + "..." : text) + "'";
  }

  private static String describe(JavaType type) {
    Class<?> raw = type.getRawClass();
    if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class
        || raw == Short.class || raw == short.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(raw) || raw == double.class || raw == float.class) {
      return "a number";
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return "true or false";
    }
    if (raw.isEnum()) {
      return "one of " + Arrays.toString(raw.getEnumConstants());
    }
    return "a text value";
  }

  private static void keep(ObjectNode object, String name, JsonNode checked) {
    if (checked == null) {
      object.remove(name);
    } else {
      object.set(name, checked);
    }
  }

  private static List<String> names(ObjectNode object) {
    List<String> names = new ArrayList<>();
    object.properties().forEach(entry -> names.add(entry.getKey()));
    return names;
  }

  private static KeyPath dotted(String text) {
    return new KeyPath(Arrays.asList(text.split("\\.")));
  }

  private static List<String> concat(KeyPath a, KeyPath b) {
    List<String> all = new ArrayList<>(a.segments());
    all.addAll(b.segments());
    return all;
  }
}
