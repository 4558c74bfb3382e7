package io.tiergate.server;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.tiergate.adapter.StoreRequests;
import io.tiergate.planner.cache.PlanCache;
import io.tiergate.planner.cost.QueryCosting;
import io.tiergate.planner.cost.QueryPrices;
import io.tiergate.lifecycle.admin.Caller;
import io.tiergate.server.alert.AlertSchedule;
import io.tiergate.server.auth.AuthenticatedService;
import io.tiergate.server.auth.Authenticator;
import io.tiergate.server.catalog.GatewayCatalog;
import io.tiergate.server.config.TiergateConfig;
import io.tiergate.server.http.GatewayHandler;
import io.tiergate.server.http.TlsListener;
import io.tiergate.server.metrics.CloudWatchPublisher;
import io.tiergate.server.query.AccessTable;
import io.tiergate.server.query.QueriesTable;
import io.tiergate.server.query.QueryLog;
import io.tiergate.server.query.QueryMetrics;
import io.tiergate.server.query.QueryTracker;
import io.tiergate.server.ui.StatusEndpoint;
import io.tiergate.server.ui.StatusPage;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.server.AvaticaHandler;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running gateway: the catalog over the stores, served over Avatica HTTP on one port. */
public final class Gateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private static final long PLAN_CACHE_SIZE = 10_000;

  private final PrometheusMeterRegistry metrics;
  /** Every registry the meters go to; closing it sends CloudWatch's last batch. */
  private final CompositeMeterRegistry published;
  private final GatewayCatalog catalog;
  private final TiergateMeta meta;
  private final PlanCache plans;
  private final HttpServer http;
  private final MigrationScheduler scheduler;
  private final AlertSchedule alerts;
  private boolean closed;

  private Gateway(PrometheusMeterRegistry metrics, CompositeMeterRegistry published,
      GatewayCatalog catalog, TiergateMeta meta, PlanCache plans, HttpServer http,
      MigrationScheduler scheduler, AlertSchedule alerts) {
    this.alerts = alerts;
    this.metrics = metrics;
    this.published = published;
    this.catalog = catalog;
    this.meta = meta;
    this.plans = plans;
    this.http = http;
    this.scheduler = scheduler;
  }

  public static Gateway start(TiergateConfig config) {
    // Before the stores are reached: a host this machine cannot listen on fails at once.
    InetAddress host = listenAddress(config.server().host());
    PrometheusMeterRegistry scraped = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Meters go to every registry: /metrics scrapes Prometheus's, CloudWatch's publishes.
    CompositeMeterRegistry metrics = new CompositeMeterRegistry();
    metrics.add(scraped);
    TiergateConfig.CloudWatchConfig cloudWatch = config.server().metrics().cloudwatch();
    if (cloudWatch != null) {
      metrics.add(CloudWatchPublisher.start(cloudWatch));
      LOG.info("Publishing metrics to CloudWatch namespace {} every {}", cloudWatch.namespace(),
          cloudWatch.step());
    }
    bindProcessMeters(metrics);
    StoreRequests requests = new StoreRequests(metrics);
    for (String store : new String[] {"dynamodb", "redis", "redshift", "athena", "s3"}) {
      requests.count(store); // register every series at 0, so a scrape shows all five
    }
    GatewayCatalog catalog = new GatewayCatalog(config, requests);
    AlertSchedule alerts = null;
    try {
      PlanCache plans = new PlanCache(PLAN_CACHE_SIZE, catalog::manifestVersions);
      CaffeineCacheMetrics.monitor(metrics, plans.cache(), "tiergate.plans");
      Authenticator authenticator = new Authenticator(config.server());
      TiergateConfig.LimitsConfig limits = config.server().limits();
      TiergateConfig.QueryLogConfig logConfig = config.server().queryLog();
      QueryLog log = new QueryLog(logConfig.size());
      QueryPrices prices = config.prices().queryPrices();
      alerts = AlertSchedule.start(config.alerts(), scraped, catalog::refreshStorageMeters);
      QueryTracker tracker = new QueryTracker(new QueryMetrics(metrics), log,
          logConfig.maskLiterals(), prices);
      TiergateMeta meta = new TiergateMeta(catalog, plans, authenticator, limits, tracker,
          List.of(new QueriesTable(log), new AccessTable(tracker.accessLog()), alerts.table()),
          new QueryCosting(prices, catalog.scanSizes(), catalog.consistentHotReads()));
      Service service = new AuthenticatedService(new LocalService(meta), authenticator,
          limits.connectionsPerUser(), limits.idleConnectionTimeoutDuration());
      StatusEndpoint statusPage = new StatusEndpoint(authenticator, statusPage(catalog,
          alerts, log));
      HttpServer http = listener(host, config.server().port(), config.server().tls(),
          new GatewayHandler(service, scraped, limits.requestBytes(),
              catalog::refreshStorageMeters, statusPage));
      start(http, host, config.server().port());
      LOG.info("Tiergate listening on {}://{}:{}", config.server().tls() == null ? "http"
          : "https", host.getHostAddress(), http.getPort());
      MigrationScheduler scheduler = MigrationScheduler.start(config.lifecycle(), catalog);
      return new Gateway(scraped, metrics, catalog, meta, plans, http, scheduler, alerts);
    } catch (SQLException | RuntimeException e) {
      if (alerts != null) {
        alerts.close();
      }
      catalog.close();
      metrics.close();
      throw new IllegalStateException("Gateway failed to start on "
          + config.server().host() + ":" + config.server().port() + ": " + e.getMessage(), e);
    }
  }

  /** GET /ui's model, read from the objects behind the system tables. */
  private static StatusPage statusPage(GatewayCatalog catalog, AlertSchedule alerts,
      QueryLog log) {
    boolean migrates = catalog.manifests() != null;
    return new StatusPage(catalog.storageReport(), catalog.manifests(), catalog.policies(),
        migrates ? () -> catalog.migrations().jobs() : null, alerts::alerts, log,
        java.time.Clock.systemUTC());
  }

  /** Micrometer's standard JVM and process meters: memory, GC, threads, classes, CPU, files. */
  private static void bindProcessMeters(MeterRegistry registry) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
  }

  /**
   * The address {@code server.host} names; {@code 0.0.0.0} is every interface.
   *
   * @throws IllegalArgumentException naming the host, when it does not resolve
   */
  static InetAddress listenAddress(String host) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("server.host: empty; give an address of this machine"
          + " (0.0.0.0 for every interface)");
    }
    try {
      return InetAddress.getByName(host.trim());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("server.host: '" + host + "' is neither an IP address"
          + " nor a name that resolves", e);
    }
  }

  /**
   * Avatica's HTTP server on {@code host} alone. Avatica has no host setting: its connector
   * listens on every interface, whatever {@code server.host} says. A server customizer runs
   * after Avatica has made its connector and before Jetty opens it, so it can narrow the
   * connector to one address.
   */
  static HttpServer listener(InetAddress host, int port, TiergateConfig.TlsConfig tls,
      AvaticaHandler handler) {
    ServerCustomizer<Server> bindHost = server -> {
      for (Connector connector : server.getConnectors()) {
        if (connector instanceof ServerConnector network) {
          if (!host.isAnyLocalAddress()) {
            // else Jetty's own wildcard, which takes IPv6 too; "0.0.0.0" would be IPv4 only
            network.setHost(host.getHostAddress());
          }
          if (tls != null) {
            TlsListener.secure(network, tls);
          }
        }
      }
    };
    return new HttpServer.Builder<Server>()
        .withPort(port)
        .withHandler(handler)
        .withServerCustomizers(List.of(bindHost), Server.class)
        .build();
  }

  /**
   * Starts {@code http}; a host this machine has no interface for, or a port in use, is an
   * error naming the key rather than Jetty's bare "Cannot assign requested address".
   */
  static void start(HttpServer http, InetAddress host, int port) {
    try {
      http.start();
    } catch (RuntimeException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof BindException bind) {
          String where = host.getHostAddress() + ":" + port + ": " + bind.getMessage();
          throw new IllegalArgumentException(String.valueOf(bind.getMessage()).contains("in use")
              ? "server.port: cannot listen on " + where + " (another process has the port)"
              : "server.host: cannot listen on " + where + " (server.host must be an address"
                  + " of this machine, or 0.0.0.0 for every interface)", e);
        }
      }
      throw e;
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
    alerts.close();
    http.stop();
    catalog.close();
    published.close(); // CloudWatch's last batch
  }
}
