package io.tiergate.lifecycle.admin;

import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * Who runs a statement: the authenticated user and their roles. The gateway authenticates a
 * client when its connection opens and records the result in the Calcite connection's
 * properties under {@link #USER} and {@link #ROLES}; a procedure reads it back from the
 * {@link DataContext} it runs in. Clients cannot set these properties: the gateway copies no
 * client property but the credentials it checks.
 */
public record Caller(String user, Set<String> roles) {
  public static final String ADMIN = "admin";
  public static final String READER = "reader";
  /** The roles a configuration may grant. */
  public static final Set<String> ROLES = Set.of(ADMIN, READER);

  static final String USER = "tiergate.caller.user";
  static final String ROLES_PROPERTY = "tiergate.caller.roles";

  /** Nobody: what a connection the gateway did not authenticate runs as. */
  private static final Caller UNKNOWN = new Caller("(unauthenticated)", Set.of());

  public Caller {
    roles = Set.copyOf(new TreeSet<>(roles));
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  /** Records this caller in the properties a Calcite connection is opened with. */
  public void writeTo(Properties calciteProperties) {
    calciteProperties.setProperty(USER, user);
    calciteProperties.setProperty(ROLES_PROPERTY, String.join(",", new TreeSet<>(roles)));
  }

  /** Copies a caller recorded by {@link #writeTo} from one set of properties to another. */
  public static void copy(Properties from, Properties to) {
    for (String key : new String[] {USER, ROLES_PROPERTY}) {
      if (from.getProperty(key) != null) {
        to.setProperty(key, from.getProperty(key));
      }
    }
  }

  /** The caller of the statement running in {@code root}; without one, nobody (no roles). */
  public static Caller of(DataContext root) {
    if (!(root.getQueryProvider() instanceof CalciteConnection connection)) {
      return UNKNOWN;
    }
    Properties p = connection.getProperties();
    String user = p.getProperty(USER);
    if (user == null) {
      return UNKNOWN;
    }
    String roles = p.getProperty(ROLES_PROPERTY, "");
    return new Caller(user, roles.isEmpty() ? Set.of()
        : new TreeSet<>(Arrays.asList(roles.split(","))));
  }
}
