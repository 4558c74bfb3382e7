package io.tiergate.adapter.redshift;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Stands in for Redshift where only AWS can answer (COPY FROM S3): records, in order, every JDBC
 * call the code under test makes, as text ({@code prepare: DELETE ...}, {@code setObject(1, ...)},
 * {@code execute: COPY ...}, {@code commit}), and answers updates with {@code updateCount}.
 * What it records is exactly what the Redshift JDBC driver would be handed.
 */
final class RecordingDataSource {
  final List<String> calls = new ArrayList<>();
  private final int updateCount;
  private final String failOn;

  /** @param failOn a statement prefix whose execution throws, or null */
  RecordingDataSource(int updateCount, String failOn) {
    this.updateCount = updateCount;
    this.failOn = failOn;
  }

  DataSource dataSource() {
    return proxy(DataSource.class, (p, method, args) -> {
      if (method.getName().equals("getConnection")) {
        return connection();
      }
      throw new UnsupportedOperationException(method.getName());
    });
  }

  private Connection connection() {
    boolean[] autoCommit = {true};
    return proxy(Connection.class, (p, method, args) -> switch (method.getName()) {
      case "getAutoCommit" -> autoCommit[0];
      case "setAutoCommit" -> {
        autoCommit[0] = (Boolean) args[0];
        calls.add("setAutoCommit(" + args[0] + ")");
        yield null;
      }
      case "prepareStatement" -> {
        calls.add("prepare: " + args[0]);
        yield statement(PreparedStatement.class, (String) args[0]);
      }
      case "createStatement" -> statement(Statement.class, null);
      case "commit", "rollback", "close" -> {
        calls.add(method.getName());
        yield null;
      }
      default -> throw new UnsupportedOperationException(method.getName());
    });
  }

  private <T extends Statement> T statement(Class<T> type, String prepared) {
    return proxy(type, (p, method, args) -> {
      String name = method.getName();
      if (name.startsWith("set")) {
        calls.add(name + "(" + Arrays.stream(args).map(String::valueOf)
            .collect(Collectors.joining(", ")) + ")");
        return null;
      }
      if (name.startsWith("execute")) {
        String sql = args == null ? prepared : (String) args[0];
        calls.add("execute: " + sql);
        if (failOn != null && sql.startsWith(failOn)) {
          throw new java.sql.SQLException("recorded failure of " + failOn);
        }
        return name.equals("execute") ? Boolean.FALSE : updateCount;
      }
      if (name.equals("close")) {
        return null;
      }
      throw new UnsupportedOperationException(name);
    });
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return (T) Proxy.newProxyInstance(RecordingDataSource.class.getClassLoader(),
        new Class<?>[] {type}, handler);
  }
}
