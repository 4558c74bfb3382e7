package io.tiergate.adapter.dynamodb;

import io.tiergate.planner.catalog.ColumnSpec;
import io.tiergate.planner.catalog.NativeRequestTable;
import io.tiergate.planner.range.EvaluationContext;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.function.Predicate1;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A DynamoDB table as a relation. Planning turns a scan of it into {@link DynamoDbRel} nodes
 * ({@link DynamoDbRules} says what they take over: filters, projections, LIMIT); at execution
 * the filters (with bind parameters and CURRENT_TIMESTAMP known) choose the access path:
 * GetItem, BatchGetItem, a Query per partition value, Queries of the day index, or a parallel
 * Scan ({@link DynamoDbAccessPathChooser}). Reads stream page by page and fetch only the
 * attributes needed; a FilterExpression cuts what comes back, and every filter is still applied
 * to the rows ({@link DynamoDbRows}).
 */
public final class DynamoDbTable extends AbstractTable
    implements TranslatableTable, NativeRequestTable {
  private final DynamoDbTableLayout layout;
  private final DynamoDbReadOptions options;
  private final DynamoDbItemCodec codec;
  private final DynamoDbItemReader reader;
  private final DynamoDbAccessPathChooser chooser;
  private final @Nullable DynamoDbReadThroughCache cache;

  public DynamoDbTable(DynamoDbClient client, DynamoDbTableLayout layout) {
    this(client, layout, DynamoDbReadOptions.DEFAULTS);
  }

  public DynamoDbTable(DynamoDbClient client, DynamoDbTableLayout layout,
      DynamoDbReadOptions options) {
    this(client, layout, options, null);
  }

  /** @param cache where point lookups (GetItem, BatchGetItem) read through; null for none */
  public DynamoDbTable(DynamoDbClient client, DynamoDbTableLayout layout,
      DynamoDbReadOptions options, @Nullable DynamoDbReadThroughCache cache) {
    this.cache = cache;
    this.layout = layout;
    this.options = options;
    this.codec = new DynamoDbItemCodec(layout);
    this.reader = new DynamoDbItemReader(client, layout);
    this.chooser = new DynamoDbAccessPathChooser(layout, options);
  }

  public DynamoDbTableLayout layout() {
    return layout;
  }

  @Override public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return new DynamoDbTableScan(context.getCluster(), relOptTable, this);
  }

  /**
   * The path and requests a scan with these filters and columns would choose, as far as they
   * are known before execution (a bind parameter or CURRENT_TIMESTAMP is not: the path may
   * then differ).
   */
  @Override public String nativeRequest(List<RexNode> filters, int @Nullable [] projects) {
    int[] projection = projects != null ? projects
        : IntStream.range(0, layout.columns().size()).toArray();
    return nativeRequest(new DynamoDbQuery(filters, projection, 0, null, false));
  }

  /** The path and requests {@link #query} would choose, as far as known before execution. */
  public String nativeRequest(DynamoDbQuery query) {
    Plan plan = plan(query, EvaluationContext.PLAN_TIME);
    boolean pointLookup = plan.path() instanceof DynamoDbAccessPath.GetItem
        || plan.path() instanceof DynamoDbAccessPath.BatchGetItem;
    return (cache != null && pointLookup ? cache.describe() : "") + plan.describe();
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return ColumnSpec.rowType(layout.columns(), typeFactory);
  }

  /**
   * The rows of a query, as {@link DynamoDbToEnumerableConverter}'s generated code asks for them.
   *
   * @param filter the query's filters compiled over a row of all the table's columns; null
   *     when there are none
   */
  public Enumerable<@Nullable Object> query(DataContext root, DynamoDbQuery query,
      @Nullable Predicate1<Object[]> filter) {
    Plan plan = plan(query, EvaluationContext.fromDataContext(root,
        EvaluationContext.parameterCount(query.filters())));
    if (plan.path() instanceof DynamoDbAccessPath.NoRows) {
      return Linq4j.emptyEnumerable(); // nothing can match: no request
    }
    int[] read = plan.projection();
    int width = layout.columns().size();
    int sortColumn = query.timeOrdered() && !plan.yieldsTimeOrder() ? timeIndex() : -1;
    return new AbstractEnumerable<>() {
      @Override public Enumerator<@Nullable Object> enumerator() {
        return new DynamoDbRows(read(plan), item -> {
          Object[] values = codec.toRow(item, read);
          plan.casts().check(values);
          Object[] row = new Object[width];
          for (int i = 0; i < read.length; i++) {
            row[read[i]] = values[i];
          }
          return row;
        }, filter, query, sortColumn);
      }
    };
  }

  private int timeIndex() {
    return layout.columnIndex(layout.timeColumn());
  }

  private DynamoDbItemReader.Items read(Plan plan) {
    Supplier<DynamoDbItemReader.Items> uncached = () -> reader.read(plan.path(),
        plan.requests(), plan.condition());
    if (cache != null && plan.path() instanceof DynamoDbAccessPath.GetItem g) {
      return cache.read(List.of(g.key()), uncached);
    }
    if (cache != null && plan.path() instanceof DynamoDbAccessPath.BatchGetItem b) {
      return cache.read(b.keys(), uncached);
    }
    return uncached.get();
  }

  private Plan plan(DynamoDbQuery query, EvaluationContext context) {
    List<RexNode> filters = query.filters();
    int[] read = query.readColumns(timeIndex());
    DynamoDbKeyCondition condition = DynamoDbKeyCondition.of(filters, layout, context);
    DynamoDbAccessPath path = chooser.choose(condition);
    return new Plan(condition, path,
        new DynamoDbRequests(layout, options, filters, context, read, query.rowsNeeded()),
        read, DynamoDbNumericCasts.of(filters, layout, read));
  }

  /** What one execution (or EXPLAIN) of a scan does; {@code projection} is the columns read. */
  private record Plan(DynamoDbKeyCondition condition, DynamoDbAccessPath path,
      DynamoDbRequests requests, int[] projection, DynamoDbNumericCasts casts) {
    String describe() {
      return requests.describe(path, condition);
    }

    /** Whether items come in sort-key, so time, order: one partition's Query or one item. */
    boolean yieldsTimeOrder() {
      return path instanceof DynamoDbAccessPath.GetItem
          || path instanceof DynamoDbAccessPath.PartitionQuery q
          && q.partitionValues().size() == 1;
    }
  }
}
