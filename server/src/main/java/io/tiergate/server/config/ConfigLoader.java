package io.tiergate.server.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code tiergate.yaml}. Two ways to keep secrets out of the file: {@code ${VAR}}
 * placeholders, and overrides of any key by an environment variable named after its path
 * ({@code stores.redis.port} is {@code TIERGATE_STORES_REDIS_PORT}; dashes become underscores).
 */
public final class ConfigLoader {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

  private final Function<String, String> environment;

  public ConfigLoader(Function<String, String> environment) {
    this.environment = environment;
  }

  public static ConfigLoader fromSystemEnvironment() {
    return new ConfigLoader(System::getenv);
  }

  public TiergateConfig load(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot be read: " + e.getMessage(), e);
    }
  }

  public TiergateConfig parse(String yaml, String source) {
    ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
        .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    try {
      JsonNode tree = mapper.readTree(yaml);
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        tree = mapper.createObjectNode();
      }
      resolve(tree, "TIERGATE", source);
      return mapper.treeToValue(tree, TiergateConfig.class);
    } catch (JsonMappingException e) {
      throw new ConfigException(source + ": " + path(e) + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ConfigException(source + ": not valid YAML: " + e.getMessage(), e);
    }
  }

  /** Applies environment overrides and placeholders to every scalar below {@code node}. */
  private void resolve(JsonNode node, String envName, String source) {
    if (!(node instanceof ObjectNode object)) {
      return;
    }
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
    object.fields().forEachRemaining(fields::add);
    for (Map.Entry<String, JsonNode> field : fields) {
      String childEnv = envName + "_" + field.getKey().toUpperCase(Locale.ROOT)
          .replace('-', '_').replace('.', '_');
      JsonNode value = field.getValue();
      String override = environment.apply(childEnv);
      if (override != null && !value.isContainerNode()) {
        object.set(field.getKey(), TextNode.valueOf(override));
      } else if (value.isTextual()) {
        object.set(field.getKey(), TextNode.valueOf(
            interpolate(value.asText(), source, field.getKey())));
      } else {
        resolve(value, childEnv, source);
      }
    }
  }

  private String interpolate(String text, String source, String key) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = environment.apply(m.group(1));
      if (value == null) {
        throw new ConfigException(source + ": key '" + key + "' refers to environment variable "
            + m.group(1) + ", which is not set", null);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (path.length() > 0) {
        path.append('.');
      }
      path.append(ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]");
    }
    return path.length() == 0 ? "(top level)" : path.toString();
  }

  /** A configuration problem; the message names the file and the key. */
  public static final class ConfigException extends RuntimeException {
    public ConfigException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
