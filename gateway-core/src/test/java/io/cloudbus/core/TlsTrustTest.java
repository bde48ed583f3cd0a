package io.cloudbus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code socket.tls}: validation naming the field, JSON round trip, pin normalization. */
class TlsTrustTest {

  @Test
  void pinsAreNormalizedAndRoundTrip() {
    String colons = "AB:" + "CD:".repeat(30) + "EF";
    TlsTrust pin = TlsTrust.fromJson(new JsonObject().put("pinSha256", colons));
    assertThat(pin.pinSha256()).isEqualTo("ab" + "cd".repeat(30) + "ef");
    assertThat(TlsTrust.fromJson(pin.toJson())).isEqualTo(pin);
    CloudSocketOptions options =
        CloudSocketOptions.fromJson(
            new JsonObject().put("vendor", "v").put("account", "a").put("tls", pin.toJson()));
    assertThat(options.tls()).isEqualTo(pin);
    assertThat(CloudSocketOptions.fromJson(options.toJson())).isEqualTo(options);
    assertThat(CloudSocketOptions.builder("v", "a").build().toJson().containsKey("tls")).isFalse();
  }

  @Test
  void badInputNamesTheField(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> TlsTrust.fromJson(new JsonObject()))
        .hasMessageContaining("caFile, pinSha256 or both");
    assertThatThrownBy(() -> TlsTrust.fromJson(new JsonObject().put("pinSha256", "abc")))
        .hasMessageStartingWith("tls.pinSha256:");
    assertThatThrownBy(() -> TlsTrust.fromJson(new JsonObject().put("caFile", "/no/such.pem")))
        .hasMessageStartingWith("tls.caFile:");
    Path notPem = Files.writeString(dir.resolve("x.pem"), "hello");
    assertThatThrownBy(() -> TlsTrust.caFile(notPem.toString()))
        .hasMessageStartingWith("tls.caFile:");
    assertThatThrownBy(() -> TlsTrust.fromJson(new JsonObject().put("verify", false)))
        .hasMessageStartingWith("tls.verify:");
    assertThatThrownBy(
            () ->
                CloudSocketOptions.fromJson(
                    new JsonObject().put("vendor", "v").put("account", "a").put("tls", "yes")))
        .hasMessageStartingWith("tls:");
  }
}
