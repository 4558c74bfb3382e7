package io.tiergate.lifecycle.migrate;

/** Source and target of a job disagree: the job fails and nothing visible changes. */
public final class VerificationException extends RuntimeException {
  public VerificationException(String message) {
    super(message);
  }
}
