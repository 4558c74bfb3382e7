package io.tiergate.adapter.dynamodb;

import io.tiergate.planner.catalog.ColumnSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Converts between rows (Calcite's internal values: TIMESTAMP as epoch millis, DATE as epoch
 * days) and DynamoDB items. Type mapping: VARCHAR-S, numbers-N, BOOLEAN-BOOL, TIMESTAMP-N (epoch
 * millis), DATE-N (epoch days); a missing attribute or NULL reads as SQL NULL; B reads as
 * base64 text, M and L as JSON text.
 */
public final class DynamoDbItemCodec {
  private static final DateTimeFormatter SORTABLE_INSTANT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final DynamoDbTableLayout layout;

  public DynamoDbItemCodec(DynamoDbTableLayout layout) {
    this.layout = layout;
  }

  /** The sortable text of an instant, the prefix of every sort key at that millisecond. */
  public static String sortableTime(long millis) {
    return SORTABLE_INSTANT.format(Instant.ofEpochMilli(millis));
  }

  public Map<String, AttributeValue> toItem(Object[] row) {
    Map<String, AttributeValue> item = new HashMap<>();
    List<ColumnSpec> columns = layout.columns();
    StringBuilder sortKey = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      if (row[i] != null) {
        item.put(columns.get(i).name(), encode(columns.get(i), row[i]));
      }
    }
    long time = (Long) row[layout.columnIndex(layout.timeColumn())];
    sortKey.append(sortableTime(time));
    for (String suffix : layout.sortKeySuffixColumns()) {
      sortKey.append('#').append(row[layout.columnIndex(suffix)]);
    }
    item.put(DynamoDbTableLayout.SORT_KEY, AttributeValue.fromS(sortKey.toString()));
    item.put(DynamoDbTableLayout.DAY_ATTRIBUTE,
        AttributeValue.fromS(sortableTime(time).substring(0, 10)));
    return item;
  }

  public Object[] toRow(Map<String, AttributeValue> item, int[] projection) {
    Object[] row = new Object[projection.length];
    for (int i = 0; i < projection.length; i++) {
      ColumnSpec column = layout.columns().get(projection[i]);
      row[i] = decode(column, item.get(column.name()));
    }
    return row;
  }

  static AttributeValue encode(ColumnSpec column, Object value) {
    return switch (column.type()) {
      case VARCHAR -> AttributeValue.fromS(value.toString());
      case BOOLEAN -> AttributeValue.fromBool((Boolean) value);
      case BIGINT, INTEGER, DOUBLE, TIMESTAMP, DATE -> AttributeValue.fromN(value.toString());
      default -> throw new IllegalArgumentException("Column '" + column.name()
          + "' of type " + column.type() + " cannot be stored in DynamoDB");
    };
  }

  static Object decode(ColumnSpec column, AttributeValue value) {
    if (value == null || Boolean.TRUE.equals(value.nul())) {
      return null;
    }
    return switch (column.type()) {
      case VARCHAR -> text(value);
      case BOOLEAN -> value.bool();
      case BIGINT, TIMESTAMP -> Long.parseLong(value.n());
      case INTEGER, DATE -> Integer.parseInt(value.n());
      case DOUBLE -> Double.parseDouble(value.n());
      default -> throw new IllegalStateException(column.type().toString());
    };
  }

  private static String text(AttributeValue value) {
    if (value.s() != null) {
      return value.s();
    }
    if (value.n() != null) {
      return value.n();
    }
    if (value.b() != null) {
      return java.util.Base64.getEncoder().encodeToString(value.b().asByteArray());
    }
    return value.toString();
  }

  static SdkBytes bytes(byte[] value) {
    return SdkBytes.fromByteArray(value);
  }
}
