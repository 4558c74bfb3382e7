package io.tiergate.server;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.tiergate.adapter.StoreRequests;
import io.tiergate.planner.cache.PlanCache;
import io.tiergate.lifecycle.admin.Caller;
import io.tiergate.server.auth.Authenticator;
import io.tiergate.server.catalog.GatewayCatalog;
import io.tiergate.server.config.TiergateConfig;
import io.tiergate.server.http.GatewayHandler;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running gateway: the catalog over the stores, served over Avatica HTTP on one port. */
public final class Gateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private static final long PLAN_CACHE_SIZE = 10_000;

  private final PrometheusMeterRegistry metrics;
  private final GatewayCatalog catalog;
  private final TiergateMeta meta;
  private final PlanCache plans;
  private final HttpServer http;
  private final MigrationScheduler scheduler;
  private boolean closed;

  private Gateway(PrometheusMeterRegistry metrics, GatewayCatalog catalog, TiergateMeta meta,
      PlanCache plans, HttpServer http, MigrationScheduler scheduler) {
    this.metrics = metrics;
    this.catalog = catalog;
    this.meta = meta;
    this.plans = plans;
    this.http = http;
    this.scheduler = scheduler;
  }

  public static Gateway start(TiergateConfig config) {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    StoreRequests requests = new StoreRequests(metrics);
    for (String store : new String[] {"dynamodb", "redis", "redshift", "athena", "s3"}) {
      requests.count(store); // register every series at 0, so a scrape shows all five
    }
    GatewayCatalog catalog = new GatewayCatalog(config, requests);
    try {
      PlanCache plans = new PlanCache(PLAN_CACHE_SIZE, catalog::manifestVersions);
      CaffeineCacheMetrics.monitor(metrics, plans.cache(), "tiergate.plans");
      TiergateMeta meta = new TiergateMeta(catalog, plans, new Authenticator(config.server()));
      LocalService service = new LocalService(meta);
      HttpServer http = new HttpServer(config.server().port(), new GatewayHandler(service,
          metrics));
      http.start();
      LOG.info("Tiergate listening on port {}", http.getPort());
      MigrationScheduler scheduler = MigrationScheduler.start(config.lifecycle(), catalog);
      return new Gateway(metrics, catalog, meta, plans, http, scheduler);
    } catch (SQLException | RuntimeException e) {
      catalog.close();
      throw new IllegalStateException("Gateway failed to start on port "
          + config.server().port() + ": " + e.getMessage(), e);
    }
  }

  public int port() {
    return http.getPort();
  }

  public GatewayCatalog catalog() {
    return catalog;
  }

  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  public PlanCache plans() {
    return plans;
  }

  /**
   * A connection to the gateway's catalog inside this process, planned through the same plan
   * cache as remote clients but without Avatica's HTTP round trip (benchmarks, embedding). It
   * reads as a reader; admin procedures go through a remote, authenticated connection.
   */
  public Connection connectInProcess() throws SQLException {
    return meta.open(new Caller("in-process", java.util.Set.of(Caller.READER)));
  }

  @Override public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (scheduler != null) {
      scheduler.close();
    }
    http.stop();
    catalog.close();
  }
}
