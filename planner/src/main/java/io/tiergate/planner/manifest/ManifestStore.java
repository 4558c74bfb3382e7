package io.tiergate.planner.manifest;

/**
 * Where manifests live (a DynamoDB control table in production and locally). Changes are
 * conditional on the version, so concurrent writers cannot both win.
 */
public interface ManifestStore {
  /** The current manifest; throws {@link UnknownTableException} when the table has none. */
  TierManifest current(String table);

  /**
   * Writes {@code next} only if the stored version is {@code next.version() - 1} (or absent
   * when {@code next.version() == 1}).
   *
   * @throws ManifestConflictException when another writer got there first
   */
  void write(TierManifest next);

  /** Thrown when a conditional manifest write loses to a concurrent one. */
  final class ManifestConflictException extends RuntimeException {
    public ManifestConflictException(String table, long expectedVersion) {
      super("Manifest of table '" + table + "' is no longer at version " + expectedVersion
          + ": another writer changed it");
    }
  }

  /** Thrown when a table has no manifest. */
  final class UnknownTableException extends RuntimeException {
    public UnknownTableException(String table) {
      super("No tier manifest for table '" + table + "'");
    }
  }
}
