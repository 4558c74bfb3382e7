package io.tiergate.server.config;

import java.util.List;

/**
 * What reading one configuration file found: the configuration, or every problem with it.
 *
 * @param config the configuration; null when there are errors
 * @param errors each as {@code FILE: key.path: reason}, secrets never shown
 * @param warnings problems that do not stop the gateway, such as a {@code TIERGATE_} variable
 *     that matches no key
 */
public record ConfigReport(String source, TiergateConfig config, List<String> errors,
    List<String> warnings) {
  public ConfigReport {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  public boolean valid() {
    return errors.isEmpty();
  }
}
