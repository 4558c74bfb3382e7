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
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ProjectableFilterableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A DynamoDB table as a relation. At execution the pushed filters (with bind parameters and
 * CURRENT_TIMESTAMP known) choose the access path: GetItem, BatchGetItem, a Query per partition
 * value, Queries of the day index, or a parallel Scan ({@link DynamoDbAccessPathChooser}).
 * Reads stream page by page and fetch only the projected attributes; a FilterExpression cuts
 * what comes back, and Calcite still applies every filter.
 */
public final class DynamoDbTable extends AbstractTable
    implements ProjectableFilterableTable, NativeRequestTable {
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

  /**
   * The path and requests {@link #scan} would choose, as far as they are known before
   * execution (a bind parameter or CURRENT_TIMESTAMP is not: the path may then differ).
   */
  @Override public String nativeRequest(List<RexNode> filters, int @Nullable [] projects) {
    Plan plan = plan(filters, projects, EvaluationContext.PLAN_TIME);
    boolean pointLookup = plan.path() instanceof DynamoDbAccessPath.GetItem
        || plan.path() instanceof DynamoDbAccessPath.BatchGetItem;
    return (cache != null && pointLookup ? cache.describe() : "") + plan.describe();
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return ColumnSpec.rowType(layout.columns(), typeFactory);
  }

  @Override public Enumerable<@Nullable Object[]> scan(DataContext root, List<RexNode> filters,
      int @Nullable [] projects) {
    Plan plan = plan(filters, projects, EvaluationContext.fromDataContext(root,
        EvaluationContext.parameterCount(filters)));
    if (plan.path() instanceof DynamoDbAccessPath.NoRows) {
      return Linq4j.emptyEnumerable(); // nothing can match: no request
    }
    return new AbstractEnumerable<>() {
      @Override public Enumerator<@Nullable Object[]> enumerator() {
        DynamoDbItemReader.Items items = read(plan);
        return new Enumerator<>() {
          private Object[] current;

          @Override public Object[] current() {
            return current;
          }

          @Override public boolean moveNext() {
            try {
              if (!items.hasNext()) {
                return false;
              }
              current = codec.toRow(items.next(), plan.projection());
              plan.casts().check(current);
              return true;
            } catch (RuntimeException e) {
              items.close(); // a parallel Scan's readers stop now, not when the buffer fills
              throw e;
            }
          }

          @Override public void reset() {
            throw new UnsupportedOperationException();
          }

          @Override public void close() {
            items.close();
          }
        };
      }
    };
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

  private Plan plan(List<RexNode> filters, int @Nullable [] projects,
      EvaluationContext context) {
    int[] projection = projects != null ? projects
        : IntStream.range(0, layout.columns().size()).toArray();
    DynamoDbKeyCondition condition = DynamoDbKeyCondition.of(filters, layout, context);
    DynamoDbAccessPath path = chooser.choose(condition);
    return new Plan(condition, path,
        new DynamoDbRequests(layout, options, filters, context, projection), projection,
        DynamoDbNumericCasts.of(filters, layout, projection));
  }

  /** What one execution (or EXPLAIN) of a scan does. */
  private record Plan(DynamoDbKeyCondition condition, DynamoDbAccessPath path,
      DynamoDbRequests requests, int[] projection, DynamoDbNumericCasts casts) {
    String describe() {
      return requests.describe(path, condition);
    }
  }
}
