package io.tiergate.adapter.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tiergate.planner.catalog.ColumnSpec;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Converts between rows (Calcite's internal values: TIMESTAMP as epoch millis, DATE as epoch
 * days) and DynamoDB items. The type mapping is in this package's {@code package-info}.
 */
public final class DynamoDbItemCodec {
  private static final DateTimeFormatter SORTABLE_INSTANT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DynamoDbTableLayout layout;

  public DynamoDbItemCodec(DynamoDbTableLayout layout) {
    this.layout = layout;
  }

  /** The sortable text of an instant, the prefix of every sort key at that millisecond. */
  public static String sortableTime(long millis) {
    return SORTABLE_INSTANT.format(Instant.ofEpochMilli(millis));
  }

  /** The day bucket ({@code uuuu-MM-dd}, UTC) of the day index for an instant. */
  public static String day(long millis) {
    return sortableTime(millis).substring(0, 10);
  }

  /**
   * The sort key of an item: the sortable time, then {@code #} and the text of each sort-key
   * suffix column's value ({@link String#valueOf}, so a BIGINT 7 is {@code 7}).
   */
  public static String sortKey(long time, List<?> suffixValues) {
    StringBuilder sortKey = new StringBuilder(sortableTime(time));
    for (Object value : suffixValues) {
      sortKey.append('#').append(value);
    }
    return sortKey.toString();
  }

  public Map<String, AttributeValue> toItem(Object[] row) {
    Map<String, AttributeValue> item = new HashMap<>();
    List<ColumnSpec> columns = layout.columns();
    for (int i = 0; i < columns.size(); i++) {
      if (row[i] != null) {
        item.put(columns.get(i).name(), encode(columns.get(i), row[i]));
      }
    }
    long time = (Long) row[layout.columnIndex(layout.timeColumn())];
    List<Object> suffix = layout.sortKeySuffixColumns().stream()
        .map(c -> row[layout.columnIndex(c)]).toList();
    item.put(DynamoDbTableLayout.SORT_KEY, AttributeValue.fromS(sortKey(time, suffix)));
    item.put(DynamoDbTableLayout.DAY_ATTRIBUTE, AttributeValue.fromS(day(time)));
    return item;
  }

  public Object[] toRow(Map<String, AttributeValue> item, int[] projection) {
    Object[] row = new Object[projection.length];
    for (int i = 0; i < projection.length; i++) {
      ColumnSpec column = layout.columns().get(projection[i]);
      row[i] = decode(column, item.get(column.name()), layout.tableName());
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

  static Object decode(ColumnSpec column, AttributeValue value, String table) {
    if (value == null || Boolean.TRUE.equals(value.nul())) {
      return null;
    }
    return switch (column.type()) {
      case VARCHAR -> text(value);
      case BOOLEAN -> {
        if (value.bool() == null) {
          throw mismatch(column, value, table, "BOOL");
        }
        yield value.bool();
      }
      case BIGINT, TIMESTAMP -> Long.parseLong(number(column, value, table));
      case INTEGER, DATE -> Integer.parseInt(number(column, value, table));
      case DOUBLE -> Double.parseDouble(number(column, value, table));
      default -> throw new IllegalStateException(column.type().toString());
    };
  }

  private static String number(ColumnSpec column, AttributeValue value, String table) {
    if (value.n() == null) {
      throw mismatch(column, value, table, "N");
    }
    return value.n();
  }

  private static IllegalStateException mismatch(ColumnSpec column, AttributeValue value,
      String table, String expected) {
    return new IllegalStateException("DynamoDB table '" + table + "', attribute '"
        + column.name() + "' (" + column.type() + "): expected type " + expected + ", found "
        + value.type());
  }

  /** Text of any attribute type: S as is, N as written, B as base64, the rest as JSON. */
  private static String text(AttributeValue value) {
    if (value.s() != null) {
      return value.s();
    }
    if (value.n() != null) {
      return value.n();
    }
    if (value.b() != null) {
      return Base64.getEncoder().encodeToString(value.b().asByteArray());
    }
    if (value.bool() != null) {
      return value.bool().toString();
    }
    return json(value).toString();
  }

  /**
   * JSON of an attribute: M an object (keys sorted, so equal maps read as equal text), L and
   * the sets arrays, N a number with all its digits, B base64 text, NULL null.
   */
  static JsonNode json(AttributeValue value) {
    JsonNodeFactory f = JSON.getNodeFactory();
    if (value.s() != null) {
      return f.textNode(value.s());
    }
    if (value.n() != null) {
      return f.numberNode(new BigDecimal(value.n()));
    }
    if (value.b() != null) {
      return f.textNode(Base64.getEncoder().encodeToString(value.b().asByteArray()));
    }
    if (value.bool() != null) {
      return f.booleanNode(value.bool());
    }
    if (Boolean.TRUE.equals(value.nul())) {
      return f.nullNode();
    }
    if (value.hasM()) {
      ObjectNode object = f.objectNode();
      new TreeMap<>(value.m()).forEach((k, v) -> object.set(k, json(v)));
      return object;
    }
    ArrayNode array = f.arrayNode();
    if (value.hasL()) {
      value.l().forEach(v -> array.add(json(v)));
    } else if (value.hasSs()) {
      value.ss().forEach(array::add);
    } else if (value.hasNs()) {
      value.ns().forEach(n -> array.add(new BigDecimal(n)));
    } else if (value.hasBs()) {
      value.bs().forEach(b -> array.add(Base64.getEncoder().encodeToString(b.asByteArray())));
    }
    return array;
  }

  static SdkBytes bytes(byte[] value) {
    return SdkBytes.fromByteArray(value);
  }
}
