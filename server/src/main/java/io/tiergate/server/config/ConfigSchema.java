package io.tiergate.server.config;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys {@code tiergate.yaml} may hold, read from the configuration records themselves with
 * Jackson's own introspection (the same names, kebab-case or {@code @JsonProperty}, that binding
 * uses), so a key added to a record is known here without a list to keep in step.
 */
final class ConfigSchema {
  /** What kind of value a key takes. */
  enum Kind {
    /** A record: a fixed set of keys. */
    SECTION,
    /** Entries the operator names ({@code tables}, {@code server.users}, {@code columns}). */
    MAP,
    /** A YAML list ({@code roles}, {@code key}, {@code nodes}). */
    LIST,
    /** One scalar: text, number, true/false. */
    VALUE
  }

  /** One key's shape; {@code properties} for a SECTION, {@code content} for a MAP or LIST. */
  record Node(Kind kind, JavaType type, Map<String, Node> properties, Node content) {
    Node property(String name) {
      return properties.get(name);
    }
  }

  /**
   * Key names whose values are secrets: masked in printed configuration and in errors. Besides
   * these, any key whose name contains password, secret or token.
   */
  private static final Set<String> SECRET_KEYS =
      Set.of("password", "secret-key", "access-key", "password-hash");

  private static final Pattern LIST_ELEMENT = Pattern.compile("(.+)\\[\\d+\\]");

  private final Node root;

  private ConfigSchema(Node root) {
    this.root = root;
  }

  /** The schema of {@code type} as {@code mapper} (with its naming strategy) binds it. */
  static ConfigSchema of(ObjectMapper mapper, Class<?> type) {
    return new ConfigSchema(node(mapper, mapper.constructType(type), new HashSet<>()));
  }

  Node root() {
    return root;
  }

  static boolean isSecret(String keyName) {
    String name = keyName.toLowerCase(Locale.ROOT);
    return SECRET_KEYS.contains(name) || name.contains("password") || name.contains("secret")
        || name.contains("token");
  }

  /**
   * The schema node at {@code path}, any name standing for a map's entry; null when no key is
   * there. Used to tell a key path at the start of an error message from ordinary words.
   */
  Node find(KeyPath path) {
    Node node = root;
    for (String segment : path.segments()) {
      node = switch (node.kind()) {
        case SECTION -> property(node, segment);
        case MAP -> node.content();
        case LIST, VALUE -> null;
      };
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  /** A section's key, or an element of a list key as errors name it ({@code rules[2]}). */
  private static Node property(Node section, String segment) {
    Matcher element = LIST_ELEMENT.matcher(segment);
    if (element.matches()) {
      Node list = section.property(element.group(1));
      return list == null || list.kind() != Kind.LIST ? null : list.content();
    }
    return section.property(segment);
  }

  private static Node node(ObjectMapper mapper, JavaType type, Set<Class<?>> enclosing) {
    if (type.isMapLikeType()) {
      return new Node(Kind.MAP, type, Map.of(), node(mapper, type.getContentType(), enclosing));
    }
    if (type.isCollectionLikeType() || type.isArrayType()) {
      return new Node(Kind.LIST, type, Map.of(), node(mapper, type.getContentType(), enclosing));
    }
    Class<?> raw = type.getRawClass();
    // The configuration's sections are all records; anything else is bound as one value.
    if (!raw.isRecord()) {
      return new Node(Kind.VALUE, type, Map.of(), null);
    }
    if (!enclosing.add(raw)) {
      throw new IllegalStateException(raw.getName() + " contains itself; a configuration "
          + "file cannot");
    }
    BeanDescription description = mapper.getDeserializationConfig().introspect(type);
    Map<String, Node> properties = new LinkedHashMap<>();
    for (BeanPropertyDefinition property : description.findProperties()) {
      // Getter-only properties (TableConfig.isTiered) are derived, not keys of the file.
      if (property.couldDeserialize()) {
        properties.put(property.getName(), node(mapper, property.getPrimaryType(), enclosing));
      }
    }
    enclosing.remove(raw);
    return new Node(Kind.SECTION, type, Collections.unmodifiableMap(properties), null);
  }
}
