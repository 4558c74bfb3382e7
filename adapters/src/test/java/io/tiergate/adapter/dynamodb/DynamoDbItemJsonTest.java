package io.tiergate.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A cached item reads back exactly as DynamoDB returned it, whatever its attribute types. */
class DynamoDbItemJsonTest {
  @Test void everyAttributeTypeRoundTrips() {
    Map<String, AttributeValue> item = Map.ofEntries(
        Map.entry("s", AttributeValue.fromS("a \"quoted\" ü")),
        Map.entry("n", AttributeValue.fromN("1.50")), // digits kept, not 1.5
        Map.entry("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, -1, 7}))),
        Map.entry("bool", AttributeValue.fromBool(false)),
        Map.entry("null", AttributeValue.fromNul(true)),
        Map.entry("ss", AttributeValue.fromSs(List.of("x", "y"))),
        Map.entry("ns", AttributeValue.fromNs(List.of("1", "2.0"))),
        Map.entry("bs", AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] {1})))),
        Map.entry("l", AttributeValue.fromL(List.of(AttributeValue.fromS("e"),
            AttributeValue.fromN("3")))),
        Map.entry("m", AttributeValue.fromM(Map.of("k", AttributeValue.fromM(Map.of(
            "deep", AttributeValue.fromBool(true)))))));
    assertThat(DynamoDbItemJson.read(DynamoDbItemJson.write(item))).isEqualTo(item);
  }

  @Test void somethingElseInTheCacheIsAClearError() {
    assertThatThrownBy(() -> DynamoDbItemJson.read("{\"a\": {\"X\": 1}}"))
        .hasMessage("A cached DynamoDB item has an attribute of unknown type 'X'");
    assertThatThrownBy(() -> DynamoDbItemJson.read("not json"))
        .hasMessageStartingWith("A cached DynamoDB item is not JSON: ");
  }
}
