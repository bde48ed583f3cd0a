package io.cloudbus.generic.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void contentHashIsTheSha256OfTheKeySortedJsonWhateverTheKeyOrder() throws Exception {
    // GIVEN the same content with its keys in two orders, decoded from text as frames are
    JsonObject a = new JsonObject("{\"b\":[1,\"x\",{\"z\":1,\"y\":2}],\"a\":1}");
    JsonObject b = new JsonObject("{\"a\":1,\"b\":[1,\"x\",{\"y\":2,\"z\":1}]}");

    // WHEN hashed
    String hash = Json.contentHash(a);

    // THEN both hash alike, to the first 32 hex digits of SHA-256 of the canonical text
    byte[] digest =
        MessageDigest.getInstance("SHA-256")
            .digest("{\"a\":1,\"b\":[1,\"x\",{\"y\":2,\"z\":1}]}".getBytes(StandardCharsets.UTF_8));
    assertThat(hash).isEqualTo(HexFormat.of().formatHex(digest).substring(0, 32));
    assertThat(Json.contentHash(b)).isEqualTo(hash);
  }

  @Test
  void scalarEqualsComparesNumbersByValueAcrossTypes() {
    assertThat(Json.scalarEquals(1, 1L)).isTrue();
    assertThat(Json.scalarEquals(Long.MAX_VALUE, Long.MAX_VALUE - 1)).isFalse();
    assertThat(Json.scalarEquals(1, 1.0)).isTrue();
    assertThat(Json.scalarEquals(1.5, 1)).isFalse();
    assertThat(Json.scalarEquals("1", 1)).isFalse();
    assertThat(Json.scalarEquals(null, null)).isTrue();
  }
}
