package io.tiergate.server.error;

import java.util.regex.Pattern;

/** Text fit for a client: one line, and no Java class names (which mean nothing to a user). */
final class Messages {
  /**
   * "java.net.ConnectException: " and the like, as JDK and library wrappers prefix a cause's
   * message with the cause's class.
   */
  private static final Pattern CLASS_NAME = Pattern.compile(
      "\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error|Throwable)\\b:? ?");

  private Messages() {
  }

  static String oneLine(String message) {
    return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /** {@code message} without class names, on one line. */
  static String clean(String message) {
    return oneLine(CLASS_NAME.matcher(oneLine(message)).replaceAll("")).strip();
  }
}
