package io.tiergate.adapter.athena;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/**
 * The base of the small JDBC facade over {@link AthenaQueryExecutor}: each JDBC object is a
 * proxy whose handler implements exactly what Calcite's JDBC adapter calls; every other method
 * throws {@link SQLFeatureNotSupportedException} naming itself, so a new caller fails loudly
 * instead of getting a made-up answer.
 */
abstract class JdbcFacade implements InvocationHandler {
  /** Returned by {@link #handle} for a method this facade does not implement. */
  static final Object UNSUPPORTED = new Object();

  private final Class<?> type;
  boolean closed;

  JdbcFacade(Class<?> type) {
    this.type = type;
  }

  @SuppressWarnings("unchecked")
  static <T> T proxy(Class<T> type, JdbcFacade handler) {
    return (T) Proxy.newProxyInstance(JdbcFacade.class.getClassLoader(), new Class<?>[] {type},
        handler);
  }

  @Override public final Object invoke(Object proxy, Method method, Object[] args)
      throws Throwable {
    Object[] a = args == null ? new Object[0] : args;
    String name = method.getName();
    switch (name) {
      case "toString":
        return "Athena " + type.getSimpleName() + "@" + Integer.toHexString(hashCode());
      case "hashCode":
        return System.identityHashCode(proxy);
      case "equals":
        return proxy == a[0];
      case "unwrap":
        if (((Class<?>) a[0]).isInstance(proxy)) {
          return proxy;
        }
        throw new SQLException(type.getSimpleName() + " does not wrap " + a[0]);
      case "isWrapperFor":
        return ((Class<?>) a[0]).isInstance(proxy);
      case "isClosed":
        return closed;
      case "getWarnings":
        return null;
      case "clearWarnings":
        return null;
      default:
        break;
    }
    if (closed && !name.equals("close")) {
      throw new SQLException(type.getSimpleName() + " is closed");
    }
    Object result = handle(proxy, name, a);
    if (result == UNSUPPORTED) {
      throw new SQLFeatureNotSupportedException("Athena (sdk mode) does not support "
          + type.getSimpleName() + "." + name + " with " + a.length + " argument(s)");
    }
    return result;
  }

  /** Runs {@code method}; returns {@link #UNSUPPORTED} for a method it does not implement. */
  abstract Object handle(Object proxy, String method, Object[] args) throws SQLException;
}
