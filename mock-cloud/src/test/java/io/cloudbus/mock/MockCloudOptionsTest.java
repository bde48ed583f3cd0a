package io.cloudbus.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link MockCloudOptions}: immutable, validated at once, round-trips through JSON. */
class MockCloudOptionsTest {

  @Test
  void eachSetterReturnsANewInstanceAndLeavesTheOriginalAlone() {
    MockCloudOptions defaults = new MockCloudOptions();
    MockCloudOptions tls = defaults.port(9000).tls(true).tlsDir("/tmp/x");
    assertThat(defaults.port()).isEqualTo(MockCloudOptions.DEFAULT_PORT);
    assertThat(defaults.tls()).isFalse();
    assertThat(defaults.tlsDir()).isNull();
    assertThat(tls.port()).isEqualTo(9000);
    assertThat(tls.tls()).isTrue();
    assertThat(tls.tlsDir()).isEqualTo("/tmp/x");
  }

  @Test
  void theEmulationsListIsCopiedAndCannotBeChanged() {
    List<VendorEmulation> none = new java.util.ArrayList<>();
    MockCloudOptions options = new MockCloudOptions().emulations(none);
    none.add(null);
    assertThat(options.emulations()).isEmpty();
    assertThatThrownBy(() -> options.emulations().add(null))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void badValuesAreRefusedNamingTheField() {
    MockCloudOptions o = new MockCloudOptions();
    assertThatThrownBy(() -> o.port(70000)).hasMessage("port must be 0..65535");
    assertThatThrownBy(() -> o.restPort(-1)).hasMessage("restPort must be 0..65535");
    assertThatThrownBy(() -> o.host(" ")).hasMessage("host must not be blank");
    assertThatThrownBy(() -> o.tlsDir("")).hasMessage("tlsDir must not be blank");
    assertThatThrownBy(() -> new MockCloudOptions(new JsonObject().put("port", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port and restPort integers");
  }

  @Test
  void everythingButTheEmulationsRoundTripsThroughJson() {
    MockCloudOptions o =
        new MockCloudOptions().host("::1").port(9000).restPort(9001).tls(true).tlsDir("/d");
    assertThat(new MockCloudOptions(o.toJson()).toJson()).isEqualTo(o.toJson());
    assertThat(new MockCloudOptions(new JsonObject()).toJson())
        .isEqualTo(new MockCloudOptions().toJson());
  }
}
