package io.tiergate.server.alert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes each firing alert to the log at WARN and each resolved one at INFO. */
final class AlertLog implements AlertListener {
  private static final Logger LOG = LoggerFactory.getLogger(AlertLog.class);

  @Override public void changed(Alert a) {
    if (a.state() == Alert.State.FIRING) {
      LOG.warn("Alert {} firing ({}, {}): value {} is over the threshold {}", a.rule(),
          a.kind().label(), a.labelsText(), a.value(), a.threshold());
    } else {
      LOG.info("Alert {} resolved ({}, {}): value {}, threshold {}, firing since {}", a.rule(),
          a.kind().label(), a.labelsText(), a.value(), a.threshold(), a.since());
    }
  }
}
