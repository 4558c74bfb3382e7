package io.tiergate.adapter.dynamodb;

import io.tiergate.planner.catalog.ColumnSpec;
import io.tiergate.planner.catalog.NativeRequestTable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * A DynamoDB table as a relation. Reads stream page by page (never the whole table in memory)
 * and fetch only the projected attributes; filters stay with Calcite.
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

  /** The same request {@link #scan} sends; filters are applied in the gateway for now. */
  @Override public String nativeRequest(List<RexNode> filters, int @Nullable [] projects) {
    return scanRequest(projection(projects)).toString();
  }

  private int[] projection(int @Nullable [] projects) {
    return projects != null ? projects : IntStream.range(0, layout.columns().size()).toArray();
  }

  private ScanRequest scanRequest(int[] projection) {
    List<String> names = new ArrayList<>();
    Map<String, String> placeholders = new java.util.LinkedHashMap<>();
    for (int i : projection) {
      String placeholder = "#c" + i;
      names.add(placeholder);
      placeholders.put(placeholder, layout.columns().get(i).name());
    }
    return ScanRequest.builder()
        .tableName(layout.tableName())
        .projectionExpression(String.join(",", names))
        .expressionAttributeNames(placeholders)
        .build();
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return ColumnSpec.rowType(layout.columns(), typeFactory);
  }

  @Override public Enumerable<@Nullable Object[]> scan(DataContext root, List<RexNode> filters,
      int @Nullable [] projects) {
    int[] projection = projection(projects);
    ScanRequest request = scanRequest(projection);
    return new AbstractEnumerable<>() {
      @Override public Enumerator<@Nullable Object[]> enumerator() {
        Iterator<Map<String, AttributeValue>> items =
            client.scanPaginator(request).items().iterator();
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
