package io.tiergate.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads {@code tiergate.yaml}. Two ways to keep secrets out of the file: {@code ${VAR}}
 * placeholders, and overrides of any key by an environment variable named after its path
 * ({@code stores.redis.port} is {@code TIERGATE_STORES_REDIS_PORT}; dashes become underscores),
 * whether the file has the key or not. Entries of maps ({@code tables.<name>},
 * {@code server.users.<name>}, a table's {@code columns} and {@code lifecycle}) are overridden
 * only when the file names the entry; list keys take {@code a,b} or {@code [a, b]}. See
 * {@link EnvironmentOverrides}.
 *
 * <p>Every problem is found in one pass ({@link #check}): unknown keys, unset placeholders,
 * values of the wrong type, each section's own checks and, when asked for, JDBC URLs no driver
 * on the classpath serves. {@link #load} and {@link #parse} throw them all in one
 * {@link ConfigException}.
 */
public final class ConfigLoader {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

  static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
      .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  static final ConfigSchema SCHEMA = ConfigSchema.of(MAPPER, TiergateConfig.class);

  private final Function<String, String> environment;
  private final Set<String> environmentNames;
  private final JdbcDrivers drivers;

  /**
   * Fills placeholders and overrides keys from {@code environment}, which can only be asked by
   * name: a misspelt {@code TIERGATE_} variable cannot be noticed. For values the program
   * itself supplies (the local stack's template).
   */
  public ConfigLoader(Function<String, String> environment) {
    this(environment, null, null);
  }

  /** As {@link #ConfigLoader(Function)}, and warns of {@code TIERGATE_} variables no key has. */
  public ConfigLoader(Map<String, String> environment) {
    this(Map.copyOf(environment)::get, Set.copyOf(environment.keySet()), null);
  }

  private ConfigLoader(Function<String, String> environment, Set<String> environmentNames,
      JdbcDrivers drivers) {
    this.environment = environment;
    this.environmentNames = environmentNames;
    this.drivers = drivers;
  }

  /** The process environment, and JDBC URLs checked against the drivers on the classpath. */
  public static ConfigLoader fromSystemEnvironment() {
    return new ConfigLoader(System.getenv()).checkingJdbcDrivers();
  }

  /**
   * This loader, also checking that a driver on the classpath serves each store's JDBC URL
   * (without connecting). Not by default: a template filled by the program may hold URLs only
   * known once its stack runs.
   */
  public ConfigLoader checkingJdbcDrivers() {
    return new ConfigLoader(environment, environmentNames, JdbcDrivers.onClasspath());
  }

  /** @throws ConfigException naming every problem, one per line */
  public TiergateConfig load(Path file) {
    return orThrow(check(file));
  }

  /** @throws ConfigException naming every problem, one per line */
  public TiergateConfig parse(String yaml, String source) {
    return orThrow(check(yaml, source));
  }

  /** Reads {@code file} and reports every problem rather than stopping at the first. */
  public ConfigReport check(Path file) {
    String yaml;
    try {
      yaml = Files.readString(file);
    } catch (IOException e) {
      return new ConfigReport(file.toString(), null,
          List.of(file + ": cannot be read: " + e.getMessage()), List.of());
    }
    return check(yaml, file.toString());
  }

  /** @param source names the file in every message */
  public ConfigReport check(String yaml, String source) {
    ConfigProblems problems = new ConfigProblems(source);
    ObjectNode tree = read(yaml, problems);
    if (tree == null) {
      return report(null, problems);
    }
    Map<KeyPath, String> overridden = new EnvironmentOverrides(SCHEMA, MAPPER, environment,
        environmentNames).apply(tree, problems);
    new SectionBinder(SCHEMA, MAPPER, new Placeholders(environment), overridden, problems)
        .check(tree);
    if (drivers != null) {
      checkJdbcUrls(tree, problems);
    }
    if (problems.hasErrors()) {
      return report(null, problems);
    }
    try {
      return report(MAPPER.treeToValue(tree, TiergateConfig.class), problems);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      // The sections were each bound above; this is a bug, not the file's fault.
      throw new IllegalStateException(source + ": checked, yet does not bind", e);
    }
  }

  private static ObjectNode read(String yaml, ConfigProblems problems) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(yaml);
    } catch (JsonProcessingException e) {
      problems.fileError("not valid YAML: " + yamlProblem(e));
      return null;
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return MAPPER.createObjectNode();
    }
    if (!(tree instanceof ObjectNode object)) {
      problems.fileError("expected sections of keys (server:, stores:, tables:, ...), not "
          + (tree.isArray() ? "a list" : "a single value"));
      return null;
    }
    return object;
  }

  /**
   * What the YAML parser found wrong and where, without its excerpt of the file: the lines
   * around a mistake could hold a secret.
   */
  private static String yamlProblem(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblem() != null) {
      Mark at = marked.getProblemMark();
      return marked.getProblem() + (at == null ? ""
          : " (line " + (at.getLine() + 1) + ", column " + (at.getColumn() + 1) + ")");
    }
    JsonLocation at = e.getLocation();
    return e.getOriginalMessage().lines().findFirst().orElse("") + (at == null ? ""
        : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
  }

  /** The JDBC stores: Redshift, and Athena unless it goes through the SDK. */
  private void checkJdbcUrls(ObjectNode tree, ConfigProblems problems) {
    JsonNode stores = tree.path("stores");
    checkJdbc(stores.path("redshift"), KeyPath.ROOT.child("stores").child("redshift"), problems);
    JsonNode athena = stores.path("athena");
    if (!athena.path("mode").isTextual() || athena.path("mode").asText().equals("jdbc")) {
      checkJdbc(athena, KeyPath.ROOT.child("stores").child("athena"), problems);
    }
  }

  private void checkJdbc(JsonNode store, KeyPath path, ConfigProblems problems) {
    JsonNode url = store.path("url");
    JsonNode driver = store.path("driver");
    drivers.check(path, url.isTextual() ? url.asText() : null,
        driver.isTextual() ? driver.asText() : null, problems);
  }

  private static ConfigReport report(TiergateConfig config, ConfigProblems problems) {
    return new ConfigReport(problems.source(), config, problems.errors(), problems.warnings());
  }

  private static TiergateConfig orThrow(ConfigReport report) {
    report.warnings().forEach(warning -> LOG.warn("{}: {}", report.source(), warning));
    if (!report.valid()) {
      throw new ConfigException(String.join("\n", report.errors()), null);
    }
    return report.config();
  }

  /** A configuration problem; the message names the file and the key. */
  public static final class ConfigException extends RuntimeException {
    public ConfigException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
