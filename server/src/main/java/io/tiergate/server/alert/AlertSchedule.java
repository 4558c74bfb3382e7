package io.tiergate.server.alert;

import io.micrometer.core.instrument.MeterRegistry;
import io.tiergate.server.config.AlertsConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's alerts: the configured rules evaluated every {@code alerts.evaluate-every} on
 * a thread of their own, told to the log and the webhook, shown in {@code tiergate.alerts}.
 */
public final class AlertSchedule implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertSchedule.class);
  private static final Set<AlertMetric> MEASURED_ON_DEMAND = EnumSet.of(
      AlertMetric.TIER_MONTHLY_COST, AlertMetric.TIER_MONTHLY_COST_INCREASE,
      AlertMetric.TIER_BYTES, AlertMetric.TIER_ROWS);

  private final AlertEvaluator evaluator;
  private final ScheduledExecutorService executor;

  private AlertSchedule(AlertEvaluator evaluator, ScheduledExecutorService executor) {
    this.evaluator = evaluator;
    this.executor = executor;
  }

  /**
   * @param beforeEach run before each evaluation: brings meters measured on demand up to date
   *     (the tiers' storage)
   */
  public static AlertSchedule start(AlertsConfig config, MeterRegistry registry,
      Runnable beforeEach) {
    List<AlertListener> listeners = new ArrayList<>(List.of(new AlertLog()));
    if (config.webhook() != null) {
      listeners.add(new AlertWebhook(URI.create(config.webhook().url()),
          config.webhook().timeoutDuration(), registry));
    }
    List<AlertRule> rules = config.effectiveRules();
    AlertEvaluator evaluator = new AlertEvaluator(rules, registry, Clock.systemUTC(), listeners,
        config.history());
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "tiergate-alerts");
      thread.setDaemon(true);
      return thread;
    });
    Duration every = config.evaluateEveryDuration();
    // The tiers' storage is measured on demand (a listing of the cold prefix, a count of the
    // warm table): only when a rule needs it, then at most every few minutes.
    boolean measure = rules.stream().anyMatch(r -> MEASURED_ON_DEMAND.contains(r.metric()));
    executor.scheduleWithFixedDelay(() -> {
      try {
        if (measure) {
          beforeEach.run();
        }
        evaluator.evaluate();
      } catch (RuntimeException e) {
        // Logged, not thrown: a thrown exception would end the schedule for good.
        LOG.warn("Evaluating alerts failed (trying again in {}): {}", every, e.toString());
      }
    }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("Alerts: {} rules evaluated every {}{}", rules.size(), config.evaluateEvery(),
        config.webhook() == null ? "" : ", sent to a webhook");
    return new AlertSchedule(evaluator, executor);
  }

  /** The alerts as {@code tiergate.alerts} lists them, for the status page. */
  public java.util.List<Alert> alerts() {
    return evaluator.alerts();
  }

  public AlertsTable table() {
    return new AlertsTable(evaluator);
  }

  @Override public void close() {
    executor.shutdownNow();
  }
}
