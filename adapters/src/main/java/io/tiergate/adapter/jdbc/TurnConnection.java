package io.tiergate.adapter.jdbc;

import io.tiergate.adapter.AdmissionGate;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A connection taken in an {@link AdmissionGate} turn, which its close gives back after the pool
 * has the connection again, whichever way the close is reached. Calcite closes a query's
 * connection as {@code resultSet.getStatement().getConnection().close()}, so the statements and
 * result sets of this connection are wrapped too, to lead back to this wrapper and not to the
 * pool's connection underneath (whose close would keep the turn forever).
 */
final class TurnConnection {
  private TurnConnection() {
  }

  static Connection of(Connection connection, AdmissionGate.Turn turn) {
    return wrap(Connection.class, connection, null, turn);
  }

  /**
   * @param parent what {@code getConnection()} (of a statement) or {@code getStatement()} (of a
   *     result set) answers: the wrapper it came from
   * @param turn given back on close; only for the connection
   */
  @SuppressWarnings("unchecked")
  private static <T> T wrap(Class<T> type, T target, Object parent, AdmissionGate.Turn turn) {
    InvocationHandler handler = (proxy, method, args) -> {
      String name = method.getName();
      if (parent != null && args == null
          && (name.equals("getConnection") || name.equals("getStatement"))) {
        return parent;
      }
      Object result;
      try {
        result = method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      } finally {
        if (turn != null && name.equals("close") && args == null) {
          turn.close();
        }
      }
      if (result instanceof CallableStatement c) {
        return wrap(CallableStatement.class, c, proxy, null);
      }
      if (result instanceof PreparedStatement p) {
        return wrap(PreparedStatement.class, p, proxy, null);
      }
      if (result instanceof Statement s) {
        return wrap(Statement.class, s, proxy, null);
      }
      if (result instanceof ResultSet r && target instanceof Statement) {
        return wrap(ResultSet.class, r, proxy, null);
      }
      return result;
    };
    return (T) Proxy.newProxyInstance(TurnConnection.class.getClassLoader(),
        new Class<?>[] {type}, handler);
  }
}
