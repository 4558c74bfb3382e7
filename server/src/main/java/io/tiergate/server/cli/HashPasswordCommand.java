package io.tiergate.server.cli;

import io.tiergate.server.auth.PasswordHash;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "hash-password", mixinStandardHelpOptions = true,
    description = "Read a password (from the terminal without echo, twice; or one line of "
        + "standard input) and print its hash for server.users.<name>.password-hash.")
final class HashPasswordCommand implements Callable<Integer> {
  @Override public Integer call() throws IOException {
    char[] password = read();
    try {
      if (password.length == 0) {
        System.err.println("tiergate: an empty password cannot be hashed");
        return 2;
      }
      System.out.println(PasswordHash.create(password));
      return 0;
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static char[] read() throws IOException {
    Console console = System.console();
    if (console != null) {
      char[] first = console.readPassword("Password: ");
      char[] again = console.readPassword("Again: ");
      if (first == null || !Arrays.equals(first, again)) {
        throw new IllegalArgumentException("the passwords differ");
      }
      Arrays.fill(again, '\0');
      return first;
    }
    // Piped: one line, e.g. from a secret manager; never an argument (it would show in ps).
    String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
        .readLine();
    return line == null ? new char[0] : line.toCharArray();
  }
}
