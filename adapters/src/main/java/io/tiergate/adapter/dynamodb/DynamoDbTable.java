package io.tiergate.adapter.dynamodb;

import io.tiergate.planner.catalog.ColumnSpec;
import io.tiergate.planner.catalog.NativeRequestTable;
import io.tiergate.planner.range.EvaluationContext;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * A DynamoDB table as a relation. Reads stream page by page (never the whole table in memory)
 * and fetch only the projected attributes; a fixed partition key makes the read a Query.
 */
public final class DynamoDbTable extends AbstractTable
    implements ProjectableFilterableTable, NativeRequestTable {
  private final DynamoDbClient client;
  private final DynamoDbTableLayout layout;
  private final DynamoDbItemCodec codec;

  public DynamoDbTable(DynamoDbClient client, DynamoDbTableLayout layout) {
    this.client = client;
    this.layout = layout;
    this.codec = new DynamoDbItemCodec(layout);
  }

  public DynamoDbTableLayout layout() {
    return layout;
  }

  /** The request {@link #scan} sends, as far as it is known before execution. */
  @Override public String nativeRequest(List<RexNode> filters, int @Nullable [] projects) {
    DynamoDbKeyCondition condition = keyCondition(filters, EvaluationContext.PLAN_TIME);
    int[] projection = projection(projects);
    return (condition.partitionValue().isPresent() ? queryRequest(condition, projection)
        : scanRequest(projection)).toString();
  }

  private DynamoDbKeyCondition keyCondition(List<RexNode> filters, EvaluationContext context) {
    return DynamoDbKeyCondition.of(filters, layout.columnIndex(layout.partitionKey()),
        layout.columnIndex(layout.timeColumn()), context);
  }

  /**
   * A Query of one partition, with the time range as a sort-key range (both bounds, inclusive
   * on the sort key; see {@link DynamoDbKeyCondition#sortKeyTo}). Names and values are
   * placeholders, never spliced into the expression.
   */
  private QueryRequest queryRequest(DynamoDbKeyCondition condition, int[] projection) {
    Map<String, String> projected = projectionNames(projection);
    Map<String, String> names = new java.util.LinkedHashMap<>(projected);
    Map<String, AttributeValue> values = new java.util.LinkedHashMap<>();
    names.put("#pk", layout.partitionKey());
    values.put(":pk", AttributeValue.fromS(condition.partitionValue().orElseThrow()));
    String keyCondition = "#pk = :pk";
    Optional<String> from = condition.sortKeyFrom();
    Optional<String> to = condition.sortKeyTo();
    if (from.isPresent() || to.isPresent()) {
      names.put("#sk", DynamoDbTableLayout.SORT_KEY);
      from.ifPresent(v -> values.put(":from", AttributeValue.fromS(v)));
      to.ifPresent(v -> values.put(":to", AttributeValue.fromS(v)));
      keyCondition += from.isPresent() && to.isPresent() ? " AND #sk BETWEEN :from AND :to"
          : from.isPresent() ? " AND #sk >= :from" : " AND #sk <= :to";
    }
    return QueryRequest.builder()
        .tableName(layout.tableName())
        .keyConditionExpression(keyCondition)
        .projectionExpression(String.join(",", projected.keySet()))
        .expressionAttributeNames(names)
        .expressionAttributeValues(values)
        .build();
  }

  private int[] projection(int @Nullable [] projects) {
    return projects != null ? projects : IntStream.range(0, layout.columns().size()).toArray();
  }

  private Map<String, String> projectionNames(int[] projection) {
    Map<String, String> placeholders = new java.util.LinkedHashMap<>();
    for (int i : projection) {
      placeholders.put("#c" + i, layout.columns().get(i).name());
    }
    return placeholders;
  }

  private ScanRequest scanRequest(int[] projection) {
    Map<String, String> names = projectionNames(projection);
    return ScanRequest.builder()
        .tableName(layout.tableName())
        .projectionExpression(String.join(",", names.keySet()))
        .expressionAttributeNames(names)
        .build();
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return ColumnSpec.rowType(layout.columns(), typeFactory);
  }

  /**
   * Reads the rows the filters may select: a Query of one partition when a filter fixes the
   * partition key (with the time range as a sort-key range), else a Scan. Decided at execution,
   * so bind parameters and CURRENT_TIMESTAMP count; Calcite applies every filter afterwards.
   */
  @Override public Enumerable<@Nullable Object[]> scan(DataContext root, List<RexNode> filters,
      int @Nullable [] projects) {
    int[] projection = projection(projects);
    DynamoDbKeyCondition condition = keyCondition(filters, EvaluationContext.fromDataContext(
        root, EvaluationContext.parameterCount(filters)));
    if (condition.times().isNone()) {
      return Linq4j.emptyEnumerable(); // no time can match: no request
    }
    return new AbstractEnumerable<>() {
      @Override public Enumerator<@Nullable Object[]> enumerator() {
        Iterator<Map<String, AttributeValue>> items = condition.partitionValue().isPresent()
            ? client.queryPaginator(queryRequest(condition, projection)).items().iterator()
            : client.scanPaginator(scanRequest(projection)).items().iterator();
        Iterator<Object[]> rows = new Iterator<>() {
          @Override public boolean hasNext() {
            return items.hasNext();
          }

          @Override public Object[] next() {
            return codec.toRow(items.next(), projection);
          }
        };
        return Linq4j.iterableEnumerator(() -> rows);
      }
    };
  }
}
