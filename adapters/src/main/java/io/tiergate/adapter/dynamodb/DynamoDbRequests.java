package io.tiergate.adapter.dynamodb;

import io.tiergate.adapter.dynamodb.DynamoDbAccessPath.BatchGetItem;
import io.tiergate.adapter.dynamodb.DynamoDbAccessPath.DayBucket;
import io.tiergate.adapter.dynamodb.DynamoDbAccessPath.DayIndexQuery;
import io.tiergate.adapter.dynamodb.DynamoDbAccessPath.GetItem;
import io.tiergate.adapter.dynamodb.DynamoDbAccessPath.ParallelScan;
import io.tiergate.adapter.dynamodb.DynamoDbAccessPath.PartitionQuery;
import io.tiergate.adapter.dynamodb.DynamoDbAccessPath.SortKeyRange;
import io.tiergate.adapter.dynamodb.DynamoDbFilterExpression.Expression;
import io.tiergate.adapter.dynamodb.DynamoDbKeyCondition.ItemKey;
import io.tiergate.planner.range.EvaluationContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The SDK requests of an access path for one scan: its projection, and a FilterExpression of
 * the filters it can express (Query and Scan only). Names and values are placeholders, never
 * spliced into an expression.
 */
final class DynamoDbRequests {
  /** BatchGetItem takes at most 100 keys per request. */
  static final int BATCH_SIZE = 100;

  private final DynamoDbTableLayout layout;
  private final DynamoDbReadOptions options;
  private final List<RexNode> filters;
  private final EvaluationContext context;
  private final Map<String, String> projected;
  /** Items per Query or Scan page, when a LIMIT was pushed; null for DynamoDB's 1 MB pages. */
  private final @Nullable Integer pageLimit;

  DynamoDbRequests(DynamoDbTableLayout layout, DynamoDbReadOptions options,
      List<RexNode> filters, EvaluationContext context, int[] projection) {
    this(layout, options, filters, context, projection, null);
  }

  /**
   * @param pageLimit the {@code Limit} of each Query and Scan page. DynamoDB counts the items it
   *     evaluates, before the FilterExpression, so a page may hold fewer rows: the reader pages on
   *     until the query has its rows.
   */
  DynamoDbRequests(DynamoDbTableLayout layout, DynamoDbReadOptions options,
      List<RexNode> filters, EvaluationContext context, int[] projection,
      @Nullable Integer pageLimit) {
    this.pageLimit = pageLimit;
    this.layout = layout;
    this.options = options;
    this.filters = filters;
    this.context = context;
    Map<String, String> names = new LinkedHashMap<>();
    for (int i : projection) {
      names.put("#c" + i, layout.columns().get(i).name());
    }
    if (names.isEmpty()) {
      // Nothing projected (COUNT(*)): read the partition key only, the smallest attribute set.
      int pk = layout.columnIndex(layout.partitionKey());
      names.put("#c" + pk, layout.partitionKey());
    }
    this.projected = names;
  }

  GetItemRequest getItem(ItemKey key) {
    return GetItemRequest.builder()
        .tableName(layout.tableName())
        .key(key(key))
        .projectionExpression(projection())
        .expressionAttributeNames(projected)
        .consistentRead(options.consistentRead())
        .build();
  }

  /** One request per {@value #BATCH_SIZE} keys. */
  List<BatchGetItemRequest> batchGetItem(List<ItemKey> keys) {
    List<BatchGetItemRequest> requests = new ArrayList<>();
    for (int i = 0; i < keys.size(); i += BATCH_SIZE) {
      List<Map<String, AttributeValue>> chunk = keys.subList(i,
          Math.min(keys.size(), i + BATCH_SIZE)).stream().map(this::key).toList();
      requests.add(BatchGetItemRequest.builder()
          .requestItems(Map.of(layout.tableName(), KeysAndAttributes.builder()
              .keys(chunk)
              .projectionExpression(projection())
              .expressionAttributeNames(projected)
              .consistentRead(options.consistentRead())
              .build()))
          .build());
    }
    return requests;
  }

  QueryRequest partitionQuery(String partitionValue, SortKeyRange range) {
    return query(null, "#pk", layout.partitionKey(), partitionKeyValue(partitionValue), range,
        options.consistentRead());
  }

  /** A GSI cannot read consistently, so a day Query never asks to. */
  QueryRequest dayQuery(DayBucket day) {
    return query(DynamoDbTableLayout.DAY_INDEX, "#day", DynamoDbTableLayout.DAY_ATTRIBUTE,
        AttributeValue.fromS(day.day()), day.range(), false);
  }

  /** A Query of one hash key of the table or of {@code index}, with the sort-key range. */
  private QueryRequest query(String index, String keyName, String keyAttribute,
      AttributeValue keyValue, SortKeyRange range, boolean consistentRead) {
    Map<String, String> names = new LinkedHashMap<>(projected);
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    names.put(keyName, keyAttribute);
    values.put(":" + keyName.substring(1), keyValue);
    String keyCondition = keyName + " = :" + keyName.substring(1)
        + sortKeyCondition(range, names, values).map(c -> " AND " + c).orElse("");
    // A Query's FilterExpression may not name the key attributes.
    Optional<Expression> filter = filter(Set.of(layout.columnIndex(layout.partitionKey())),
        Optional.empty());
    filter.ifPresent(f -> {
      names.putAll(f.names());
      values.putAll(f.values());
    });
    return QueryRequest.builder()
        .tableName(layout.tableName())
        .indexName(index)
        .keyConditionExpression(keyCondition)
        .filterExpression(filter.map(Expression::text).orElse(null))
        .projectionExpression(projection())
        .expressionAttributeNames(names)
        .expressionAttributeValues(values)
        .consistentRead(consistentRead ? true : null)
        .limit(pageLimit)
        .build();
  }

  /**
   * A Scan, of one segment when {@code segment} is given. The time range becomes a sort-key
   * range in the FilterExpression: every item has a sort key, and it orders like the time.
   */
  ScanRequest scan(SortKeyRange range, Optional<Integer> segment, int segments) {
    Map<String, String> names = new LinkedHashMap<>(projected);
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    Map<String, String> keyNames = new LinkedHashMap<>();
    Map<String, AttributeValue> keyValues = new LinkedHashMap<>();
    Optional<Expression> sortKey = sortKeyCondition(range, keyNames, keyValues)
        .map(c -> new Expression(c, keyNames, keyValues));
    Optional<Expression> filter = filter(Set.of(), sortKey);
    filter.ifPresent(f -> {
      names.putAll(f.names());
      values.putAll(f.values());
    });
    return ScanRequest.builder()
        .tableName(layout.tableName())
        .totalSegments(segment.map(s -> segments).orElse(null))
        .segment(segment.orElse(null))
        .projectionExpression(projection())
        .filterExpression(filter.map(Expression::text).orElse(null))
        .expressionAttributeNames(names)
        .expressionAttributeValues(values.isEmpty() ? null : values)
        .consistentRead(options.consistentRead() ? true : null)
        .limit(pageLimit)
        .build();
  }

  /** What EXPLAIN shows: the path and its requests (a Scan's without its segment). */
  String describe(DynamoDbAccessPath path, DynamoDbKeyCondition condition) {
    if (path instanceof GetItem g) {
      return "GetItem: " + getItem(g.key());
    }
    if (path instanceof BatchGetItem b) {
      List<BatchGetItemRequest> requests = batchGetItem(b.keys());
      return "BatchGetItem, " + b.keys().size() + " keys in " + requests.size()
          + " requests: " + requests.stream().map(Object::toString)
          .collect(Collectors.joining("; "));
    }
    if (path instanceof PartitionQuery q) {
      return (q.partitionValues().size() == 1 ? "Query: "
          : "Query per partition key value (" + q.partitionValues().size() + "): ")
          + q.partitionValues().stream().map(v -> partitionQuery(v, q.range()).toString())
          .collect(Collectors.joining("; "));
    }
    if (path instanceof DayIndexQuery d) {
      return "Query on index " + DynamoDbTableLayout.DAY_INDEX + " per day ("
          + d.days().size() + "): " + d.days().stream().map(day -> dayQuery(day).toString())
          .collect(Collectors.joining("; "));
    }
    if (path instanceof ParallelScan s) {
      return "parallel Scan, " + s.segments() + " segments: "
          + scan(new SortKeyRange(condition.sortKeyFrom(), condition.sortKeyTo()),
              Optional.empty(), s.segments());
    }
    return "no request: no row can match";
  }

  private Optional<Expression> filter(Set<Integer> excluded, Optional<Expression> extra) {
    return DynamoDbFilterExpression.of(filters, layout, context, excluded, extra);
  }

  private String projection() {
    return String.join(",", projected.keySet());
  }

  private Map<String, AttributeValue> key(ItemKey key) {
    return key(layout, key);
  }

  /** The primary key attributes of an item. */
  static Map<String, AttributeValue> key(DynamoDbTableLayout layout, ItemKey key) {
    return Map.of(layout.partitionKey(), partitionKeyValue(layout, key.partitionValue()),
        DynamoDbTableLayout.SORT_KEY, AttributeValue.fromS(key.sortKey()));
  }

  private AttributeValue partitionKeyValue(String text) {
    return partitionKeyValue(layout, text);
  }

  private static AttributeValue partitionKeyValue(DynamoDbTableLayout layout, String text) {
    return layout.columns().get(layout.columnIndex(layout.partitionKey())).type()
        == SqlTypeName.VARCHAR ? AttributeValue.fromS(text) : AttributeValue.fromN(text);
  }

  private static Optional<String> sortKeyCondition(SortKeyRange range, Map<String, String> names,
      Map<String, AttributeValue> values) {
    if (range.from().isEmpty() && range.to().isEmpty()) {
      return Optional.empty();
    }
    names.put("#sk", DynamoDbTableLayout.SORT_KEY);
    range.from().ifPresent(v -> values.put(":from", AttributeValue.fromS(v)));
    range.to().ifPresent(v -> values.put(":to", AttributeValue.fromS(v)));
    return Optional.of(range.from().isPresent() && range.to().isPresent()
        ? "#sk BETWEEN :from AND :to"
        : range.from().isPresent() ? "#sk >= :from" : "#sk <= :to");
  }
}
