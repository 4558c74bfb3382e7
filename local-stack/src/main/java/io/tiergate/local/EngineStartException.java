package io.tiergate.local;

/** One engine of the local stack did not start; the message names it and quotes its log. */
public final class EngineStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String engine;

  EngineStartException(String engine, String logTail, Throwable cause) {
    super(engine + " did not start: " + cause + "\n" + logTail, cause);
    this.engine = engine;
  }

  public String engine() {
    return engine;
  }
}
