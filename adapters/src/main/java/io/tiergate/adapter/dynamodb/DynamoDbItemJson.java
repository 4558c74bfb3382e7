package io.tiergate.adapter.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item as DynamoDB's own JSON ({@code {"S": "a"}}, {@code {"N": "1.50"}}, ...), so a cached
 * item reads back attribute for attribute as DynamoDB returned it: numbers keep their digits,
 * sets and maps their types.
 */
final class DynamoDbItemJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DynamoDbItemJson() {
  }

  static String write(Map<String, AttributeValue> item) {
    ObjectNode node = JSON.createObjectNode();
    item.forEach((name, value) -> node.set(name, toJson(value)));
    return node.toString();
  }

  static Map<String, AttributeValue> read(String json) {
    try {
      return readMap(JSON.readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A cached DynamoDB item is not JSON: " + e.getMessage(), e);
    }
  }

  private static JsonNode toJson(AttributeValue v) {
    ObjectNode node = JSON.createObjectNode();
    switch (v.type()) {
      case S -> node.put("S", v.s());
      case N -> node.put("N", v.n());
      case B -> node.put("B", Base64.getEncoder().encodeToString(v.b().asByteArray()));
      case BOOL -> node.put("BOOL", v.bool());
      case NUL -> node.put("NULL", true);
      case SS -> v.ss().forEach(node.putArray("SS")::add);
      case NS -> v.ns().forEach(node.putArray("NS")::add);
      case BS -> {
        ArrayNode bs = node.putArray("BS");
        v.bs().forEach(b -> bs.add(Base64.getEncoder().encodeToString(b.asByteArray())));
      }
      case L -> {
        ArrayNode l = node.putArray("L");
        v.l().forEach(e -> l.add(toJson(e)));
      }
      case M -> {
        ObjectNode m = node.putObject("M");
        v.m().forEach((k, e) -> m.set(k, toJson(e)));
      }
      default -> throw new IllegalArgumentException("Cannot cache a DynamoDB attribute of type "
          + v.type());
    }
    return node;
  }

  private static Map<String, AttributeValue> readMap(JsonNode node) {
    Map<String, AttributeValue> map = new LinkedHashMap<>();
    node.fields().forEachRemaining(f -> map.put(f.getKey(), fromJson(f.getValue())));
    return map;
  }

  private static AttributeValue fromJson(JsonNode node) {
    Map.Entry<String, JsonNode> typed = node.fields().next();
    JsonNode v = typed.getValue();
    return switch (typed.getKey()) {
      case "S" -> AttributeValue.fromS(v.asText());
      case "N" -> AttributeValue.fromN(v.asText());
      case "B" -> AttributeValue.fromB(bytes(v));
      case "BOOL" -> AttributeValue.fromBool(v.asBoolean());
      case "NULL" -> AttributeValue.fromNul(true);
      case "SS" -> AttributeValue.fromSs(texts(v));
      case "NS" -> AttributeValue.fromNs(texts(v));
      case "BS" -> {
        List<SdkBytes> bs = new ArrayList<>();
        v.forEach(b -> bs.add(bytes(b)));
        yield AttributeValue.fromBs(bs);
      }
      case "L" -> {
        List<AttributeValue> l = new ArrayList<>();
        v.forEach(e -> l.add(fromJson(e)));
        yield AttributeValue.fromL(l);
      }
      case "M" -> AttributeValue.fromM(readMap(v));
      default -> throw new IllegalStateException("A cached DynamoDB item has an attribute of"
          + " unknown type '" + typed.getKey() + "'");
    };
  }

  private static SdkBytes bytes(JsonNode base64) {
    return SdkBytes.fromByteArray(Base64.getDecoder().decode(base64.asText()));
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(t -> texts.add(t.asText()));
    return texts;
  }
}
