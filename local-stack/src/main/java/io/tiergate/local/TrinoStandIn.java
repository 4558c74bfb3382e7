package io.tiergate.local;

import java.nio.file.Path;

/** PLACEHOLDER: replaced by the Trino stand-in implementation. */
public final class TrinoStandIn implements AutoCloseable {
  public static TrinoStandIn start(Path workDir, S3Endpoint s3) {
    throw new UnsupportedOperationException("not yet");
  }

  public String jdbcUrl() {
    throw new UnsupportedOperationException("not yet");
  }

  @Override public void close() {
  }
}
