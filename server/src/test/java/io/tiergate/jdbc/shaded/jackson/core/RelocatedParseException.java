package io.tiergate.jdbc.shaded.jackson.core;

import java.io.IOException;

/**
 * Stands for Jackson's parse exception as the driver's jar relocates it: the server has that
 * jar on its classpath, and may load Avatica's JSON service from it (see ErrorTranslation).
 */
public final class RelocatedParseException extends IOException {
  public RelocatedParseException(String message) {
    super(message);
    setStackTrace(new StackTraceElement[] {new StackTraceElement(
        "io.tiergate.jdbc.shaded.jackson.core.JsonParser", "_constructReadException",
        "JsonParser.java", 2648)});
  }
}
