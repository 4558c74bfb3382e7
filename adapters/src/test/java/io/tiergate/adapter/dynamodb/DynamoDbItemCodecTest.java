package io.tiergate.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiergate.planner.catalog.ColumnSpec;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The type mapping of the package-info, attribute type by attribute type. */
class DynamoDbItemCodecTest {
  private static final ColumnSpec TEXT = new ColumnSpec("kind", SqlTypeName.VARCHAR);

  private static Object decode(ColumnSpec column, AttributeValue value) {
    return DynamoDbItemCodec.decode(column, value, "events");
  }

  @Test void aVarcharColumnReadsEveryAttributeTypeAsText() {
    assertThat(decode(TEXT, AttributeValue.fromS("click"))).isEqualTo("click");
    assertThat(decode(TEXT, AttributeValue.fromN("12.50"))).isEqualTo("12.50");
    assertThat(decode(TEXT, AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2, -1}))))
        .isEqualTo("AQL/");
    assertThat(decode(TEXT, AttributeValue.fromBool(true))).isEqualTo("true");
    assertThat(decode(TEXT, AttributeValue.fromM(Map.of(
        "b", AttributeValue.fromL(List.of(AttributeValue.fromN("1"),
            AttributeValue.fromNul(true), AttributeValue.fromS("x"))),
        "a", AttributeValue.fromBool(false)))))
        .isEqualTo("{\"a\":false,\"b\":[1,null,\"x\"]}");
    assertThat(decode(TEXT, AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of(
        "n", AttributeValue.fromN("12345678901234567890.123")))))))
        .isEqualTo("[{\"n\":12345678901234567890.123}]");
    assertThat(decode(TEXT, AttributeValue.fromSs(List.of("a", "b")))).isEqualTo("[\"a\",\"b\"]");
    assertThat(decode(TEXT, AttributeValue.fromNs(List.of("1", "2.5")))).isEqualTo("[1,2.5]");
  }

  @Test void nullAndMissingAreSqlNull() {
    for (SqlTypeName type : List.of(SqlTypeName.VARCHAR, SqlTypeName.BIGINT, SqlTypeName.BOOLEAN,
        SqlTypeName.TIMESTAMP)) {
      ColumnSpec column = new ColumnSpec("c", type);
      assertThat(decode(column, AttributeValue.fromNul(true))).isNull();
      assertThat(decode(column, null)).isNull();
    }
  }

  @Test void numbersBooleansAndTimesRoundTrip() {
    ColumnSpec amount = new ColumnSpec("amount", SqlTypeName.DOUBLE);
    ColumnSpec at = new ColumnSpec("at", SqlTypeName.TIMESTAMP);
    ColumnSpec day = new ColumnSpec("day", SqlTypeName.DATE);
    ColumnSpec flag = new ColumnSpec("flag", SqlTypeName.BOOLEAN);
    assertThat(decode(amount, DynamoDbItemCodec.encode(amount, 0.1))).isEqualTo(0.1);
    assertThat(decode(at, DynamoDbItemCodec.encode(at, 1_767_225_600_123L)))
        .isEqualTo(1_767_225_600_123L);
    assertThat(decode(day, DynamoDbItemCodec.encode(day, 20_000))).isEqualTo(20_000);
    assertThat(decode(flag, DynamoDbItemCodec.encode(flag, false))).isEqualTo(false);
  }

  @Test void anotherTypeUnderANumberOrBooleanColumnIsAnErrorNamingIt() {
    assertThatThrownBy(() -> decode(new ColumnSpec("amount", SqlTypeName.DOUBLE),
        AttributeValue.fromS("12")))
        .hasMessage("DynamoDB table 'events', attribute 'amount' (DOUBLE): expected type N,"
            + " found S");
    assertThatThrownBy(() -> decode(new ColumnSpec("flag", SqlTypeName.BOOLEAN),
        AttributeValue.fromN("1")))
        .hasMessage("DynamoDB table 'events', attribute 'flag' (BOOLEAN): expected type BOOL,"
            + " found N");
  }

  @Test void theSortKeyIsTheTimeThenTheRestOfTheKey() {
    DynamoDbItemCodec codec = new DynamoDbItemCodec(Filters.LAYOUT);
    Map<String, AttributeValue> item = codec.toItem(new Object[] {"a", "e1", 1_762_000_000_000L,
        null, 2.5, null, 3L});
    assertThat(item).containsEntry("sort_key", AttributeValue.fromS("2025-11-01T12:26:40.000Z#e1"))
        .containsEntry("event_day", AttributeValue.fromS("2025-11-01"))
        .doesNotContainKey("kind");
  }
}
