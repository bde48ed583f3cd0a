package io.cloudbus.mock.generic;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Home Assistant's formats: isoformat times, ULIDs, the compressed state and its diffs. */
class HaStateTest {

  private static final Instant T0 = Instant.parse("2026-08-01T10:00:00.137548Z");
  private static final Instant T1 = Instant.parse("2026-08-01T10:00:05Z");

  @Test
  void timesAreWrittenAsPythonIsoformat() {
    assertThat(HaTime.iso(T0)).isEqualTo("2026-08-01T10:00:00.137548+00:00");
    // Python drops a zero fraction
    assertThat(HaTime.iso(T1)).isEqualTo("2026-08-01T10:00:05+00:00");
    assertThat(HaTime.seconds(T0)).isEqualTo(1785578400.137548);
  }

  @Test
  void contextIdsAreUniqueUlids() {
    String a = HaTime.ulid(T0);
    String b = HaTime.ulid(T0);
    assertThat(a).hasSize(26).matches("[0-9A-HJKMNP-TV-Z]{26}").isNotEqualTo(b);
    assertThat(a.substring(0, 10)).isEqualTo(b.substring(0, 10)); // the time part
  }

  @Test
  void compressedStateAndDiffAsTheServerWritesThem() {
    JsonObject ctx0 = new JsonObject().put("id", "A").putNull("parent_id").putNull("user_id");
    JsonObject ctx1 = new JsonObject().put("id", "B").putNull("parent_id").put("user_id", "u");
    HaState old =
        new HaState("light.k", "off", new JsonObject().put("x", 1).put("y", 2), T0, T0, T0, ctx0);
    HaState now =
        new HaState("light.k", "on", new JsonObject().put("x", 1).put("z", 3), T1, T1, T1, ctx1);
    assertThat(old.compressed())
        .isEqualTo(
            new JsonObject()
                .put("s", "off")
                .put("a", new JsonObject().put("x", 1).put("y", 2))
                .put("c", "A")
                .put("lc", HaTime.seconds(T0)));
    assertThat(now.compressed().getJsonObject("c")).isEqualTo(ctx1);
    assertThat(now.diffFrom(old))
        .isEqualTo(
            new JsonObject()
                .put(
                    "+",
                    new JsonObject()
                        .put("s", "on")
                        .put("lc", HaTime.seconds(T1))
                        .put("c", new JsonObject().put("user_id", "u").put("id", "B"))
                        .put("a", new JsonObject().put("z", 3)))
                .put("-", new JsonObject().put("a", new io.vertx.core.json.JsonArray().add("y"))));
    // only last_updated moved (attributes changed, state not): lu instead of lc
    HaState attrOnly =
        new HaState("light.k", "off", new JsonObject().put("x", 2).put("y", 2), T0, T1, T1, ctx0);
    assertThat(attrOnly.diffFrom(old).getJsonObject("+").fieldNames())
        .containsExactlyInAnyOrder("lu", "a");
    assertThat(attrOnly.compressed().getDouble("lu")).isEqualTo(HaTime.seconds(T1));
  }
}
