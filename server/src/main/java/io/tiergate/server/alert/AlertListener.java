package io.tiergate.server.alert;

/** Told of each alert that fires or resolves (not of pending ones), on the evaluator's thread. */
interface AlertListener {
  void changed(Alert alert);
}
