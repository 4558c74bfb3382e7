package io.tiergate.adapter.s3;

/**
 * A Parquet file (or S3 object) could not be written or read: malformed, truncated, not Parquet,
 * or holding a column Tiergate cannot represent. The message always starts with the file's name
 * ({@code s3://bucket/key} or a local path), so an operator knows which object to look at.
 */
public final class ParquetFileException extends RuntimeException {
  private final String source;

  public ParquetFileException(String source, String problem) {
    super(source + ": " + problem);
    this.source = source;
  }

  public ParquetFileException(String source, String problem, Throwable cause) {
    super(source + ": " + problem + describe(cause), cause);
    this.source = source;
  }

  /** The file or object the error is about. */
  public String source() {
    return source;
  }

  private static String describe(Throwable cause) {
    if (cause == null) {
      return "";
    }
    String message = cause.getMessage();
    return " (" + cause.getClass().getSimpleName() + (message == null ? "" : ": " + message) + ")";
  }
}
