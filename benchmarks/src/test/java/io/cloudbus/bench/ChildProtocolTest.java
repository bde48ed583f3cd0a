package io.cloudbus.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ChildProtocolTest {

  @Test
  void requestRoundTripsThroughTheChildParser() {
    // GIVEN
    String line = ChildProtocol.request(7, "deploy", new JsonObject().put("n", 3));

    // WHEN
    JsonObject parsed = ChildProtocol.parseRequest(line);

    // THEN
    assertThat(parsed.getLong("id")).isEqualTo(7);
    assertThat(parsed.getString("op")).isEqualTo("deploy");
    assertThat(parsed.getInteger("n")).isEqualTo(3);
    assertThat(line).doesNotContain("\n");
  }

  @Test
  void repliesAndEventsCarryTheMarker() {
    JsonObject ok =
        ChildProtocol.parseChildLine(ChildProtocol.reply(2, new JsonObject().put("port", 80)));
    JsonObject failed = ChildProtocol.parseChildLine(ChildProtocol.failure(3, "no socket"));
    JsonObject event =
        ChildProtocol.parseChildLine(
            ChildProtocol.event("counts", new JsonObject().put("delivered", 5)));

    assertThat(ok.getLong("id")).isEqualTo(2);
    assertThat(ok.getBoolean("ok")).isTrue();
    assertThat(ok.getJsonObject("result").getInteger("port")).isEqualTo(80);
    assertThat(failed.getBoolean("ok")).isFalse();
    assertThat(failed.getString("error")).isEqualTo("no socket");
    assertThat(event.getString("event")).isEqualTo("counts");
    assertThat(event.getLong("delivered")).isEqualTo(5);
  }

  @Test
  void aLineWithoutTheMarkerIsNotProtocol() {
    assertThat(ChildProtocol.parseChildLine("02:15:26 WARN something printed")).isNull();
    assertThat(ChildProtocol.parseChildLine("{\"id\":1,\"ok\":true}")).isNull();
    assertThat(ChildProtocol.parseChildLine(null)).isNull();
  }

  @Test
  void aMarkedLineThatIsNoJsonObjectIsRefused() {
    assertThatThrownBy(() -> ChildProtocol.parseChildLine(ChildProtocol.MARKER + "[1,2]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> ChildProtocol.parseChildLine(ChildProtocol.MARKER + "{oops"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRequestNeedsANumericIdAndAStringOp() {
    assertThatThrownBy(() -> ChildProtocol.parseRequest("{\"op\":\"cpu\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("numeric id");
    assertThatThrownBy(() -> ChildProtocol.parseRequest("{\"id\":\"1\",\"op\":\"cpu\"}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChildProtocol.parseRequest("{\"id\":1,\"op\":5}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChildProtocol.parseRequest("not json"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
