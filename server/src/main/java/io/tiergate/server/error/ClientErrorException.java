package io.tiergate.server.error;

/**
 * An error raised by gateway code that knows which {@link ErrorKind} it is (a bound value that
 * does not convert, a restore still under way): its message goes to the client as it is.
 */
public final class ClientErrorException extends RuntimeException {
  private final ErrorKind kind;

  public ClientErrorException(ErrorKind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public ClientErrorException(ErrorKind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public ErrorKind kind() {
    return kind;
  }
}
