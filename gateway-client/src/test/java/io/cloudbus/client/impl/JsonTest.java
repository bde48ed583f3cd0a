package io.cloudbus.client.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudbus.client.impl.Json.JsonException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

  @Test
  void parsesEveryKindOfValue() {
    Object v =
        Json.parse(
            " {\"s\":\"x\",\"i\":-12,\"d\":1.5e2,\"t\":true,\"f\":false,\"n\":null,"
                + "\"a\":[1,[],{}],\"o\":{\"k\":\"v\"}} ");
    assertThat(v).isInstanceOf(Map.class);
    Map<?, ?> m = (Map<?, ?>) v;
    assertThat(m.get("s")).isEqualTo("x");
    assertThat(m.get("i")).isEqualTo(-12L);
    assertThat(m.get("d")).isEqualTo(150.0);
    assertThat(m.get("t")).isEqualTo(true);
    assertThat(m.get("f")).isEqualTo(false);
    assertThat(m.containsKey("n")).isTrue();
    assertThat(m.get("n")).isNull();
    assertThat(m.get("a")).isEqualTo(List.of(1L, List.of(), Map.of()));
    assertThat(m.get("o")).isEqualTo(Map.of("k", "v"));
    assertThat(List.copyOf(m.keySet())).isEqualTo(List.of("s", "i", "d", "t", "f", "n", "a", "o"));
  }

  @Test
  void parsesTopLevelScalars() {
    assertThat(Json.parse("\"a\"")).isEqualTo("a");
    assertThat(Json.parse("0")).isEqualTo(0L);
    assertThat(Json.parse("-0.0")).isEqualTo(-0.0);
    assertThat(Json.parse("null")).isNull();
    assertThat(Json.parse(" true\n")).isEqualTo(true);
  }

  @Test
  void numbersKeepTheirValue() {
    assertThat(Json.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(Json.parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    assertThat(Json.parse("9223372036854775808")).isEqualTo(new BigInteger("9223372036854775808"));
    assertThat(Json.parse("1E400")).isEqualTo(new BigDecimal("1E400"));
    assertThat(Json.parse("1.25")).isEqualTo(1.25);
    assertThat(Json.parse("2e-3")).isEqualTo(0.002);
  }

  @Test
  void decodesEveryEscape() {
    assertThat(Json.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\""))
        .isEqualTo("\"\\/\b\f\n\r\té\uD83D\uDE00");
    assertThat(Json.parse("\"plain ünïcode 😀\"")).isEqualTo("plain ünïcode 😀");
  }

  @Test
  void lastDuplicateKeyWins() {
    assertThat(Json.parseObject("{\"a\":1,\"a\":2}")).isEqualTo(Map.of("a", 2L));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "{",
        "}",
        "[1,]",
        "[,1]",
        "{\"a\":1,}",
        "{\"a\" 1}",
        "{a:1}",
        "{'a':1}",
        "\"unterminated",
        "\"bad \\x escape\"",
        "\"\\u12\"",
        "\"\\u12G4\"",
        "\"tab\tinside\"",
        "01",
        "-",
        "1.",
        ".5",
        "1e",
        "+1",
        "NaN",
        "Infinity",
        "tru",
        "nul",
        "[1] [2]",
        "{} x",
        "[1 2]",
        "{\"a\":1 \"b\":2}"
      })
  void rejectsMalformedInputWithAPosition(String bad) {
    assertThatThrownBy(() -> Json.parse(bad))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("malformed JSON at offset");
  }

  @Test
  void rejectsNullAndNonObjectsWhereAnObjectIsNeeded() {
    assertThatThrownBy(() -> Json.parse(null)).isInstanceOf(JsonException.class);
    assertThatThrownBy(() -> Json.parseObject("[1]"))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("expected a JSON object");
    assertThatThrownBy(() -> Json.rawMembers("[1]")).isInstanceOf(JsonException.class);
  }

  @Test
  void hostileNestingIsRefusedNotAStackOverflow() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    assertThatThrownBy(() -> Json.parse(deep))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("nested deeper than 256");
    String ok = "[".repeat(256) + "]".repeat(256);
    assertThat(Json.parse(ok)).isInstanceOf(List.class);
  }

  @Test
  void parsedValuesAreUnmodifiable() {
    Map<String, Object> m = Json.parseObject("{\"a\":[1]}");
    assertThatThrownBy(() -> m.put("b", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((List<?>) m.get("a")).clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rawMembersKeepTheExactSourceText() {
    String text =
        "{ \"type\" : \"event\", \"data\" : {\"n\": 1.50, \"s\":\"\\u00e9\"} , \"x\":[ ] }";
    Map<String, String> raw = Json.rawMembers(text);
    assertThat(raw)
        .containsEntry("type", "\"event\"")
        .containsEntry("data", "{\"n\": 1.50, \"s\":\"\\u00e9\"}")
        .containsEntry("x", "[ ]");
    assertThatThrownBy(() -> Json.rawMembers("{\"a\":1} x")).isInstanceOf(JsonException.class);
  }

  @Test
  void writesCompactJsonWithEscapes() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("s", "q\"b\\n\n\u0001\u2028é");
    m.put("i", 3);
    m.put("l", 4L);
    m.put("d", 1.5);
    m.put("b", true);
    m.put("n", null);
    m.put("a", Arrays.asList(1, "x", null));
    m.put("big", new BigDecimal("1E400"));
    assertThat(Json.write(m))
        .isEqualTo(
            "{\"s\":\"q\\\"b\\\\n\\n\\u0001\\u2028é\",\"i\":3,\"l\":4,\"d\":1.5,\"b\":true,"
                + "\"n\":null,\"a\":[1,\"x\",null],\"big\":1E+400}");
  }

  @Test
  void refusesWhatJsonCannotHold() {
    assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(JsonException.class);
    assertThatThrownBy(() -> Json.write(Float.POSITIVE_INFINITY)).isInstanceOf(JsonException.class);
    assertThatThrownBy(() -> Json.write(Map.of(1, "x")))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("keys must be strings");
    assertThatThrownBy(() -> Json.write(new Object()))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("java.lang.Object");
  }

  @Test
  void writeThenParseRoundTripsRandomDocuments() {
    Random random = new Random(42);
    for (int i = 0; i < 500; i++) {
      Object doc = randomValue(random, 0);
      String text = Json.write(doc);
      assertThat(Json.parse(text)).as(text).isEqualTo(doc);
      assertThat(Json.write(Json.parse(text))).isEqualTo(text);
    }
  }

  private static Object randomValue(Random r, int depth) {
    int kind = depth > 4 ? r.nextInt(5) : r.nextInt(7);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return r.nextBoolean();
      case 2:
        return r.nextLong();
      case 3:
        return r.nextDouble() * 1e6;
      case 4:
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(8);
        for (int i = 0; i < n; i++) {
          sb.append((char) r.nextInt(0x3000));
        }
        return sb.toString().replaceAll("[\\uD800-\\uDFFF]", "x");
      case 5:
        List<Object> list = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          list.add(randomValue(r, depth + 1));
        }
        return list;
      default:
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          map.put("k" + r.nextInt(100), randomValue(r, depth + 1));
        }
        return map;
    }
  }
}
