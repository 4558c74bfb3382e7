package io.tiergate.server;

import io.tiergate.adapter.s3.RetrievalTier;
import io.tiergate.lifecycle.admin.Caller;
import io.tiergate.lifecycle.admin.NamedSystemTable;
import io.tiergate.lifecycle.admin.PermissionDeniedException;
import io.tiergate.lifecycle.restore.RestoreOutcome;
import io.tiergate.planner.cache.CachingPrepare;
import io.tiergate.planner.manifest.ArchivedDataException;
import io.tiergate.planner.manifest.SqlTimestamp;
import io.tiergate.planner.cache.PlanCache;
import io.tiergate.planner.cost.CostLimit;
import io.tiergate.planner.cost.QueryCosting;
import io.tiergate.planner.exec.ExecutionScope;
import io.tiergate.planner.rules.ArchivedMode;
import io.tiergate.planner.rules.SkippedArchiveLog;
import io.tiergate.server.auth.AuthenticationException;
import io.tiergate.server.auth.Authenticator;
import io.tiergate.server.auth.RequestScope;
import io.tiergate.server.catalog.GatewayCatalog;
import io.tiergate.server.config.TiergateConfig;
import io.tiergate.server.error.ClientErrorException;
import io.tiergate.server.error.ErrorKind;
import io.tiergate.server.param.ParameterBinding;
import io.tiergate.server.query.QueryTracker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.AvaticaUtils;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.jdbc.JdbcMeta.ConnectionCacheSettings;
import org.apache.calcite.avatica.jdbc.StatementInfo;
import org.apache.calcite.avatica.proto.Requests;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Avatica's JDBC-backed Meta over one Calcite connection per client connection, each seeing
 * the shared catalog. Client-supplied properties are filtered: a remote client must not be able
 * to set Calcite properties such as {@code model} that would read files on the server.
 *
 * <p>Opening a connection authenticates the client; the Calcite connection then carries the
 * {@link Caller} (user and roles) the gateway established, never anything the client claimed.
 */
final class TiergateMeta extends JdbcMeta {
  private static final Logger LOG = LoggerFactory.getLogger(TiergateMeta.class);
  private static final String CALCITE_URL = "jdbc:calcite:";

  /** The connection option that decides what a query over un-restored archives does. */
  static final String ARCHIVED_OPTION = "archived";

  private final GatewayCatalog catalog;
  private final Authenticator authenticator;
  private final Driver driver;
  private final Set<String> restoreOnDemand = ConcurrentHashMap.newKeySet();
  private final Map<String, io.tiergate.lifecycle.migrate.PinnedQueries.Pin> pins =
      new ConcurrentHashMap<>();
  private final Set<String> procedureCalls = ConcurrentHashMap.newKeySet();

  private final StatementQuota statements;
  private final QueryTracker queries;
  /** The gateway's own tables (queries, alerts), added to each connection's tiergate schema. */
  private final List<NamedSystemTable> systemTables;

  TiergateMeta(GatewayCatalog catalog, PlanCache plans, Authenticator authenticator,
      TiergateConfig.LimitsConfig limits, QueryTracker queries,
      List<NamedSystemTable> systemTables, QueryCosting costing) throws SQLException {
    super(CALCITE_URL, metaProperties(limits));
    this.catalog = catalog;
    this.authenticator = authenticator;
    this.queries = queries;
    this.systemTables = List.copyOf(systemTables);
    this.statements = new StatementQuota(limits.statementsPerConnection());
    CachingPrepare prepare = new CachingPrepare(plans, costing);
    this.driver = new Driver().withPrepareFactory(() -> prepare);
  }

  /** Calcite's properties, and how long Avatica keeps an idle connection. */
  private static Properties metaProperties(TiergateConfig.LimitsConfig limits) {
    Properties p = calciteProperties();
    p.setProperty(ConnectionCacheSettings.EXPIRY_DURATION.key(),
        Long.toString(limits.idleConnectionTimeoutDuration().toSeconds()));
    p.setProperty(ConnectionCacheSettings.EXPIRY_UNIT.key(), TimeUnit.SECONDS.name());
    return p;
  }

  static Properties calciteProperties() {
    Properties p = new Properties();
    // SQL as BI tools write it: unquoted names match case-insensitively, nothing upper-cased.
    p.setProperty("caseSensitive", "false");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("quotedCasing", "UNCHANGED");
    p.setProperty("quoting", "DOUBLE_QUOTE");
    p.setProperty("timeZone", "UTC");
    // Calcite's Babel parser: the standard grammar, but with keywords usable as names, as BI
    // tools write them (metrics.value; the default parser reserves VALUE).
    p.setProperty("parserFactory",
        "org.apache.calcite.sql.parser.babel.SqlBabelParserImpl#FACTORY");
    return p;
  }

  /**
   * A connection in this process (benchmarks, embedding), planned like a client's. It runs as
   * {@code caller} unauthenticated: code in this process holds the configuration anyway.
   */
  Connection open(Caller caller) throws SQLException {
    Properties info = new Properties();
    caller.writeTo(info);
    return createConnection(CALCITE_URL, info);
  }

  @Override public void openConnection(ConnectionHandle ch, Map<String, String> info) {
    Map<String, String> options = info == null ? Map.of() : info;
    Caller caller = RequestScope.current().flatMap(RequestScope::caller)
        .map(established -> sameUser(established, options.get("user")))
        .orElseGet(() -> authenticator.authenticate(options.get("user"),
            options.get("password")));
    ArchivedMode mode = ArchivedMode.parse(options.get(ARCHIVED_OPTION), ARCHIVED_OPTION);
    CostLimit costLimit = CostLimit.parse(options.get(CostLimit.OPTION));
    if (mode == ArchivedMode.RESTORE && !caller.hasRole(Caller.ADMIN)) {
      // A restore on demand costs the same as CALL tiergate.restore, so it needs the same role.
      throw PermissionDeniedException.missingRole("Connection option " + ARCHIVED_OPTION
          + "=restore (it starts restores)", Caller.ADMIN, caller);
    }
    // Only what the gateway established reaches the Calcite connection; see createConnection.
    Properties established = new Properties();
    caller.writeTo(established);
    Map<String, String> trusted = new HashMap<>();
    established.stringPropertyNames().forEach(k -> trusted.put(k, established.getProperty(k)));
    trusted.put(ArchivedMode.PROPERTY, mode.name());
    if (costLimit != null) {
      trusted.put(CostLimit.PROPERTY, costLimit.maxUsd().toPlainString());
    }
    super.openConnection(ch, trusted);
    queries.connectionOpened(ch.id, caller);
    if (mode == ArchivedMode.RESTORE) {
      restoreOnDemand.add(ch.id);
    }
  }

  /**
   * The caller the request's HTTP credentials established, which a user named in the
   * connection's properties must agree with: a client that sends its credentials only when it
   * opens (older Avatica clients) would otherwise run as whoever the HTTP layer saw.
   */
  private static Caller sameUser(Caller established, String user) {
    if (user != null && !user.isEmpty() && !user.equals(established.user())) {
      throw new AuthenticationException("Authentication failed: the connection property user '"
          + user + "' is not the user of the request's HTTP credentials ('" + established.user()
          + "'); send user and password with every request (HTTP Basic), as the Tiergate"
          + " driver does");
    }
    return established;
  }

  @Override public void closeConnection(ConnectionHandle ch) {
    statements.connectionClosed(ch.id);
    queries.connectionClosed(ch.id);
    restoreOnDemand.remove(ch.id);
    pins.keySet().removeIf(key -> {
      if (key.startsWith(ch.id + "/")) {
        var pin = pins.get(key);
        if (pin != null) {
          pin.close();
        }
        return true;
      }
      return false;
    });
    super.closeConnection(ch);
  }

  @Override public ExecuteResult prepareAndExecute(StatementHandle h, String sql,
      long maxRowCount, int maxRowsInFirstFrame, PrepareCallback callback)
      throws NoSuchStatementException {
    return queries.execute(h, sql, () -> prepareAndExecuteQuery(h, sql, maxRowCount,
        maxRowsInFirstFrame, callback));
  }

  private ExecuteResult prepareAndExecuteQuery(StatementHandle h, String sql,
      long maxRowCount, int maxRowsInFirstFrame, PrepareCallback callback)
      throws NoSuchStatementException {
    String query = ProcedureCall.rewrite(sql);
    if (query.equals(sql)) {
      pin(h);
    }
    bindSkips(h);
    try {
      return unpinIfDone(h, super.prepareAndExecute(h, query, maxRowCount,
          maxRowsInFirstFrame, callback));
    } catch (RuntimeException e) {
      ArchivedDataException archived = archived(e);
      if (archived == null || !restoreOnDemand.contains(h.connectionId)) {
        unpin(h);
        throw e;
      }
      try {
        restore(archived);
        // Restored: the manifest moved on, so the statement plans afresh and reads the range.
        return unpinIfDone(h, super.prepareAndExecute(h, query, maxRowCount,
            maxRowsInFirstFrame, callback));
      } catch (RuntimeException again) {
        unpin(h);
        throw again;
      }
    } catch (NoSuchStatementException e) {
      unpin(h);
      throw e;
    }
  }

  @Override public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues,
      int maxRowsInFirstFrame) throws NoSuchStatementException {
    return queries.execute(h, null, () -> executeQuery(h, parameterValues,
        maxRowsInFirstFrame));
  }

  private ExecuteResult executeQuery(StatementHandle h, List<TypedValue> parameterValues,
      int maxRowsInFirstFrame) throws NoSuchStatementException {
    if (!procedureCalls.contains(h.connectionId + "/" + h.id)) {
      pin(h);
    }
    bindSkips(h);
    try {
      // Bound here, each converted to the parameter's type; JdbcMeta then runs the statement
      // with what is bound (it binds nothing itself when given no values).
      bindParameters(h, parameterValues);
      // Prepared and bound: what fails from here on failed running, not refused.
      ExecutionScope.current().ifPresent(ExecutionScope::planned);
      return unpinIfDone(h, super.execute(h, null, maxRowsInFirstFrame));
    } catch (RuntimeException | NoSuchStatementException e) {
      unpin(h);
      throw e;
    }
  }

  /** Each row bound as {@link #execute} binds, then run as one JDBC batch. */
  @Override public ExecuteBatchResult executeBatch(StatementHandle h,
      List<List<TypedValue>> updateBatches) throws NoSuchStatementException {
    PreparedStatement statement = preparedStatement(h);
    try {
      int row = 0;
      for (List<TypedValue> values : updateBatches) {
        ParameterBinding.bind(statement, values, ++row);
        statement.addBatch();
      }
      return new ExecuteBatchResult(AvaticaUtils.executeLargeBatch(statement));
    } catch (SQLException e) {
      throw new RuntimeException(e);
    }
  }

  /** A batch from a protobuf client: its values are the same TypedValues once decoded. */
  @Override public ExecuteBatchResult executeBatchProtobuf(StatementHandle h,
      List<Requests.UpdateBatch> updateBatches) throws NoSuchStatementException {
    List<List<TypedValue>> rows = new ArrayList<>();
    for (Requests.UpdateBatch batch : updateBatches) {
      rows.add(batch.getParameterValuesList().stream()
          .map(TypedValue::fromProto).toList());
    }
    return executeBatch(h, rows);
  }

  private void bindParameters(StatementHandle h, List<TypedValue> values) {
    if (values == null) {
      return;
    }
    PreparedStatement statement = preparedStatementOrNull(h);
    if (statement == null) {
      return; // JdbcMeta reports the missing statement itself
    }
    try {
      ParameterBinding.bind(statement, values, 0);
    } catch (SQLException e) {
      throw new RuntimeException(e);
    }
  }

  private PreparedStatement preparedStatement(StatementHandle h)
      throws NoSuchStatementException {
    PreparedStatement statement = preparedStatementOrNull(h);
    if (statement == null) {
      throw new NoSuchStatementException(h);
    }
    return statement;
  }

  private PreparedStatement preparedStatementOrNull(StatementHandle h) {
    StatementInfo info = getStatementCache().getIfPresent(h.id);
    return info == null ? null : CalciteStatements.prepared(info);
  }

  @Override public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
      throws NoSuchStatementException, org.apache.calcite.avatica.MissingResultsException {
    Frame frame = queries.fetch(h, () -> super.fetch(h, offset, fetchMaxRowCount));
    if (frame.done) {
      unpin(h);
    }
    return frame;
  }

  @Override public StatementHandle createStatement(ConnectionHandle ch) {
    statements.admit(ch.id, this::statementOpen);
    StatementHandle h = super.createStatement(ch);
    statements.opened(ch.id, h.id);
    return h;
  }

  private boolean statementOpen(int id) {
    return getStatementCache().getIfPresent(id) != null;
  }

  @Override public void closeStatement(StatementHandle h) {
    statements.closed(h.connectionId, h.id);
    queries.statementClosed(h);
    unpin(h);
    skips(h).remove(h.id);
    procedureCalls.remove(h.connectionId + "/" + h.id);
    super.closeStatement(h);
  }


  /**
   * Records the manifest versions a statement is about to plan with (procedures excepted: they
   * read no tiered data, and a migration must not wait for the call that runs it), before it
   * reads them, so a migration's DRAIN waits for it before deleting what it may read.
   * Released when its last row is sent or it is closed.
   */
  private void pin(StatementHandle h) {
    unpin(h);
    Map<String, Long> versions = catalog.manifestVersions();
    pins.put(h.connectionId + "/" + h.id,
        catalog.pinnedQueries().pin(versions == null ? Map.of() : versions));
  }

  private void unpin(StatementHandle h) {
    var pin = pins.remove(h.connectionId + "/" + h.id);
    if (pin != null) {
      pin.close();
    }
  }

  private ExecuteResult unpinIfDone(StatementHandle h, ExecuteResult result) {
    if (QueryTracker.done(result)) {
      unpin(h);
    }
    return result;
  }

  /**
   * The log of archived days the statements of {@code h}'s connection left out
   * ({@code archived=skip}); a throwaway one when the connection is gone.
   */
  private SkippedArchiveLog skips(StatementHandle h) {
    try {
      return SkippedArchiveLog.of(getConnection(h.connectionId).unwrap(CalciteConnection.class));
    } catch (SQLException | RuntimeException e) {
      return new SkippedArchiveLog();
    }
  }

  /**
   * As a client statement is about to run: ties it to the Calcite statement that runs it, whose
   * plan logs what it skips, and forgets what its last execution skipped, so
   * {@code tiergate.warnings(statement id)} answers the client's getWarnings for this run.
   */
  private void bindSkips(StatementHandle h) {
    StatementInfo info = getStatementCache().getIfPresent(h.id);
    AvaticaStatement statement = info == null ? null : CalciteStatements.of(info);
    if (statement == null) {
      return; // nothing to run: JdbcMeta reports the missing statement itself
    }
    try {
      SkippedArchiveLog log = skips(h);
      log.bind(h.id, statement.getConnection().getCancelFlag(statement.handle));
      log.clear(h.id);
    } catch (SQLException | NoSuchStatementException e) {
      LOG.warn("Statement {} of connection {}: cannot tell what it skips, so it warns of "
          + "nothing", h.id, h.connectionId, e);
    }
  }

  /**
   * {@code archived=restore}: restores what the query needs; when S3 still works on it (on AWS,
   * hours), says so instead of answering with part of the data.
   */
  private void restore(ArchivedDataException archived) {
    long from = archived.unreadable().stream().mapToLong(r -> r.slice().fromInclusive()).min()
        .orElseThrow();
    long to = archived.unreadable().stream().mapToLong(r -> r.slice().toExclusive()).max()
        .orElseThrow();
    List<RestoreOutcome> outcomes = catalog.restores().restore(archived.table(), from, to,
        RetrievalTier.STANDARD);
    if (outcomes.stream().anyMatch(o -> !"RESTORED".equals(o.state()))) {
      int objects = outcomes.stream().mapToInt(RestoreOutcome::objects).sum();
      int done = outcomes.stream().mapToInt(RestoreOutcome::restoredObjects).sum();
      throw new ClientErrorException(ErrorKind.RESTORE_UNDER_WAY,
          "The query needs archived partitions of table '"
          + archived.table() + "' from " + SqlTimestamp.format(from) + " to "
          + SqlTimestamp.format(to) + ": their restore (STANDARD) is under way, " + done + " of "
          + objects + " objects back. Run the query again once it is done (CALL "
          + "tiergate.restore with the same range reports progress)");
    }
  }

  private static ArchivedDataException archived(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ArchivedDataException archived) {
        return archived;
      }
    }
    return null;
  }

  @Override public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    String query = ProcedureCall.rewrite(sql);
    statements.admit(ch.id, this::statementOpen);
    StatementHandle h = queries.prepare(ch, sql, () -> super.prepare(ch, query, maxRowCount));
    statements.opened(ch.id, h.id);
    if (!query.equals(sql)) {
      procedureCalls.add(h.connectionId + "/" + h.id);
    }
    return h;
  }

  /** Calcite's columns with JDBC's sizes and type names (see {@link ColumnsMetadata}). */
  @Override public MetaResultSet getColumns(ConnectionHandle ch, String catalog,
      Pat schemaPattern, Pat tableNamePattern, Pat columnNamePattern) {
    try (ResultSet calcite = getConnection(ch.id).getMetaData().getColumns(catalog,
        schemaPattern.s, tableNamePattern.s, columnNamePattern.s)) {
      Signature signature = Signature.create(signature(calcite.getMetaData()).columns,
          "getColumns", List.of(), CursorFactory.ARRAY, StatementType.SELECT);
      return metadataResult(ch, signature, new ColumnsMetadata(this.catalog.primaryKeys(),
          this.catalog.timeColumns()).rows(calcite));
    } catch (SQLException e) {
      throw new RuntimeException(e);
    }
  }

  /** Every type getTables reports (see {@link TableTypes}). */
  @Override public MetaResultSet getTableTypes(ConnectionHandle ch) {
    try {
      return metadataResult(ch, TableTypes.signature(), TableTypes.rows(getConnection(ch.id)));
    } catch (SQLException e) {
      throw new RuntimeException(e);
    }
  }

  /**
   * Metadata rows computed here, all in the first frame, on a statement of their own as
   * JdbcMeta gives its metadata result sets: the client closes it with the result set.
   */
  private MetaResultSet metadataResult(ConnectionHandle ch, Signature signature,
      List<Object> rows) {
    StatementHandle h = createStatement(ch);
    return MetaResultSet.create(ch.id, h.id, true, signature, Frame.create(0, true, rows));
  }

  /** {@code info} holds only what {@link #openConnection} or {@link #open} established. */
  @Override protected Connection createConnection(String url, Properties info)
      throws SQLException {
    Properties allowed = calciteProperties();
    Caller.copy(info, allowed);
    if (info.getProperty(ArchivedMode.PROPERTY) != null) {
      allowed.setProperty(ArchivedMode.PROPERTY, info.getProperty(ArchivedMode.PROPERTY));
    }
    if (info.getProperty(CostLimit.PROPERTY) != null) {
      allowed.setProperty(CostLimit.PROPERTY, info.getProperty(CostLimit.PROPERTY));
    }
    CalciteConnection connection = driver.connect(CALCITE_URL, allowed)
        .unwrap(CalciteConnection.class);
    catalog.install(connection.getRootSchema());
    systemTables.forEach(table -> table.install(connection.getRootSchema()));
    return connection;
  }
}
