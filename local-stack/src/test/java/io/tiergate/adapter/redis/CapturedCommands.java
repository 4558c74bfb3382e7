package io.tiergate.adapter.redis;

import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The data commands a connector sends, as text ({@code HMGET session:a user_name}). */
final class CapturedCommands implements CommandListener {
  private final List<String> commands = new ArrayList<>();

  @Override public void commandStarted(CommandStartedEvent event) {
    if (RedisConnector.isDataCommand(event.getCommand().getType())) {
      String args = event.getCommand().getArgs() == null ? ""
          : " " + readable(event.getCommand().getArgs().toCommandString());
      synchronized (commands) {
        commands.add(event.getCommand().getType().toString() + args);
      }
    }
  }

  /**
   * Lettuce writes keys as {@code key<k>} and byte arguments (SCAN's MATCH pattern) in base64;
   * shown here as they go over the wire.
   */
  private static String readable(String args) {
    String text = args.replaceAll("key<([^>]*)>", "$1").replaceAll("value<([^>]*)>", "$1");
    Matcher match = Pattern.compile("MATCH (\\S+)").matcher(text);
    if (match.find()) {
      String pattern = new String(Base64.getDecoder().decode(match.group(1)), StandardCharsets.UTF_8);
      text = text.substring(0, match.start(1)) + pattern + text.substring(match.end(1));
    }
    return text;
  }

  List<String> take() {
    synchronized (commands) {
      List<String> taken = List.copyOf(commands);
      commands.clear();
      return taken;
    }
  }
}
