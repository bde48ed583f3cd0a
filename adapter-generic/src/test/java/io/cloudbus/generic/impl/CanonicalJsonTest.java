package io.cloudbus.generic.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

  private final Random random = new Random(20261122);

  @Test
  void writesWhatJacksonWritesForRandomContent() {
    for (int i = 0; i < 5_000; i++) {
      // GIVEN random content of the shapes a decoded frame has
      Object value = randomValue(0);

      // WHEN written by both writers
      StringBuilder out = new StringBuilder();
      boolean written = CanonicalJson.write(value, out);

      // THEN the text is the same, so hashes did not change
      assertThat(written).isTrue();
      assertThat(out.toString()).isEqualTo(Json.jacksonCanonical(value));
    }
  }

  @Test
  void everyControlQuoteAndSurrogateCharacterIsEscapedAsJacksonDoes() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x100; c++) {
      all.append(c);
    }
    all.append("\u2028\u2029\ud83d\ude00\ud800 lone \udc00");
    Map<String, Object> map = Map.of(all.toString(), all.toString());

    StringBuilder out = new StringBuilder();
    assertThat(CanonicalJson.write(map, out)).isTrue();

    assertThat(out.toString()).isEqualTo(Json.jacksonCanonical(map));
    assertThat(Json.contentHash(map)).isEqualTo(Json.contentHash(new JsonObject(map)));
  }

  @Test
  void decodedFramesHashAsBefore() {
    String text =
        "{\"type\":\"update\",\"data\":[{\"id\":\"3f\",\"on\":{\"on\":true},\"dim\":73.5,"
            + "\"big\":123456789012345678901234567890,\"neg\":-1.0E-7,\"n\":null,\"s\":\"a\\u0001\"}]}";
    JsonObject frame = new JsonObject(text);

    StringBuilder out = new StringBuilder();
    assertThat(CanonicalJson.write(frame, out)).isTrue();

    assertThat(out.toString()).isEqualTo(Json.jacksonCanonical(frame));
  }

  @Test
  void aNestedVertxObjectIsWrittenAsItsContent() {
    JsonObject nested = new JsonObject().put("b", 1).put("a", new JsonArray().add("x"));
    JsonObject outer = new JsonObject().put("inner", nested);

    StringBuilder out = new StringBuilder();
    assertThat(CanonicalJson.write(outer, out)).isTrue();

    assertThat(out.toString()).isEqualTo("{\"inner\":{\"a\":[\"x\"],\"b\":1}}");
  }

  @Test
  void otherTypesAreLeftToTheGeneralWriterAndStillHash() {
    for (Object odd : List.of(1.5f, new BigDecimal("1.50"), Double.NaN, List.of(new Object()))) {
      assertThat(CanonicalJson.write(odd, new StringBuilder())).as("%s", odd).isFalse();
    }
    // floats and decimals hash through Jackson as they always did
    assertThat(Json.contentHash(Map.of("f", 1.5f))).hasSize(32);
    assertThat(Json.contentHash(Map.of("d", new BigDecimal("1.50")))).hasSize(32);
  }

  private Object randomValue(int depth) {
    int kind = random.nextInt(depth > 3 ? 7 : 9);
    return switch (kind) {
      case 0 -> null;
      case 1 -> random.nextBoolean();
      case 2 -> random.nextInt();
      case 3 -> random.nextLong();
      case 4 -> randomDouble();
      case 5 -> new BigInteger(96, random);
      case 6 -> randomString();
      case 7 -> randomMap(depth + 1);
      default -> randomList(depth + 1);
    };
  }

  private double randomDouble() {
    return switch (random.nextInt(4)) {
      case 0 -> random.nextDouble();
      case 1 -> random.nextGaussian() * 1e12;
      case 2 -> Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL);
      default -> random.nextInt(1000) / 10.0;
    };
  }

  private String randomString() {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(12);
    for (int i = 0; i < n; i++) {
      s.append(
          switch (random.nextInt(5)) {
            case 0 -> (char) random.nextInt(0x30);
            case 1 -> (char) (0xd800 + random.nextInt(0x800));
            case 2 -> (char) random.nextInt(0x10000);
            default -> (char) ('a' + random.nextInt(26));
          });
    }
    return s.toString();
  }

  private Map<String, Object> randomMap(int depth) {
    Map<String, Object> map = new LinkedHashMap<>();
    int n = random.nextInt(6);
    for (int i = 0; i < n; i++) {
      map.put(randomString(), randomValue(depth));
    }
    return map;
  }

  private List<Object> randomList(int depth) {
    List<Object> list = new ArrayList<>();
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      list.add(randomValue(depth));
    }
    return list;
  }
}
