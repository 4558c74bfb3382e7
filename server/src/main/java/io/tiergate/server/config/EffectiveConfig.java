package io.tiergate.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A loaded configuration written back as YAML, defaults and environment overrides included,
 * with every secret shown as {@code ****}: what {@code tiergate config check} prints, safe to
 * paste into a ticket.
 */
public final class EffectiveConfig {
  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .build())
      .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE);

  private EffectiveConfig() {
  }

  public static String yaml(TiergateConfig config) {
    JsonNode tree = YAML.valueToTree(config);
    try {
      return YAML.writeValueAsString(keysOnly(tree, ConfigLoader.SCHEMA.root(), KeyPath.ROOT));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the configuration as YAML", e);
    }
  }

  /**
   * The tree cut down to the file's keys (serializing a record also writes derived properties
   * such as a table's {@code tiered}), without unset keys, secrets masked.
   */
  private static JsonNode keysOnly(JsonNode node, ConfigSchema.Node key, KeyPath path) {
    switch (key.kind()) {
      case SECTION, MAP -> {
        ObjectNode object = (ObjectNode) node;
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(object.properties());
        for (Map.Entry<String, JsonNode> field : fields) {
          ConfigSchema.Node child = key.kind() == ConfigSchema.Kind.MAP ? key.content()
              : key.property(field.getKey());
          if (child == null || field.getValue().isNull()) {
            object.remove(field.getKey());
          } else {
            object.set(field.getKey(), keysOnly(field.getValue(), child,
                path.child(field.getKey())));
          }
        }
        return object;
      }
      case LIST -> {
        if (ConfigSchema.isSecret(path.name())) {
          return TextNode.valueOf(ConfigProblems.MASK);
        }
        ArrayNode array = (ArrayNode) node;
        for (int i = 0; i < array.size(); i++) {
          array.set(i, keysOnly(array.get(i), key.content(), path.index(i)));
        }
        return array;
      }
      default -> {
        return ConfigSchema.isSecret(path.name()) ? TextNode.valueOf(ConfigProblems.MASK)
            : node;
      }
    }
  }
}
