package io.tiergate.adapter.redis;

import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import java.util.ArrayList;
import java.util.List;

/** The data commands a connector sends, as text ({@code HMGET session:a user_name}). */
final class CapturedCommands implements CommandListener {
  private final List<String> commands = new ArrayList<>();

  @Override public void commandStarted(CommandStartedEvent event) {
    if (RedisConnector.isDataCommand(event.getCommand().getType())) {
      String args = event.getCommand().getArgs() == null ? ""
          : " " + event.getCommand().getArgs().toCommandString();
      synchronized (commands) {
        commands.add(event.getCommand().getType().toString() + args);
      }
    }
  }

  List<String> take() {
    synchronized (commands) {
      List<String> taken = List.copyOf(commands);
      commands.clear();
      return taken;
    }
  }
}
