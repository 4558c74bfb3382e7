package io.tiergate.server;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.tiergate.adapter.StoreRequests;
import io.tiergate.planner.cache.PlanCache;
import io.tiergate.server.catalog.GatewayCatalog;
import io.tiergate.server.config.TiergateConfig;
import io.tiergate.server.http.GatewayHandler;
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
  private final HttpServer http;
  private boolean closed;

  private Gateway(PrometheusMeterRegistry metrics, GatewayCatalog catalog, HttpServer http) {
    this.metrics = metrics;
    this.catalog = catalog;
    this.http = http;
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
      LocalService service = new LocalService(new TiergateMeta(catalog, plans));
      HttpServer http = new HttpServer(config.server().port(), new GatewayHandler(service,
          metrics));
      http.start();
      LOG.info("Tiergate listening on port {}", http.getPort());
      return new Gateway(metrics, catalog, http);
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

  @Override public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    http.stop();
    catalog.close();
  }
}
