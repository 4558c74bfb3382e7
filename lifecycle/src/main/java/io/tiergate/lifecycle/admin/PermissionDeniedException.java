package io.tiergate.lifecycle.admin;

import java.util.TreeSet;

/** A caller without the role a statement needs; thrown before the statement changes anything. */
public final class PermissionDeniedException extends RuntimeException {
  public PermissionDeniedException(String message) {
    super(message);
  }

  /** "Permission denied: {@code action} needs the {@code role} role; user 'u' has roles [..]". */
  public static PermissionDeniedException missingRole(String action, String role,
      Caller caller) {
    return new PermissionDeniedException("Permission denied: " + action + " needs the " + role
        + " role; user '" + caller.user() + "' has roles " + new TreeSet<>(caller.roles()));
  }
}
