package io.cloudbus.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.generic.impl.ProfileEventMapper;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ProfileEventMapper#sharing}: the variables kept without a copy map as a copy does. */
class SharedVarsMapperTest {

  private static JsonObject vars() {
    return new JsonObject()
        .put("vendor", "pylight")
        .put("account", "products")
        .put("config", new JsonObject().put("table", "products"));
  }

  @Test
  void sharingMapsAsTheCopyingMapper() {
    VendorProfile profile = VendorProfile.load("pylight");
    ProfileEventMapper copying = new ProfileEventMapper(profile, "pylight", "products", vars());
    ProfileEventMapper sharing = ProfileEventMapper.sharing(profile, "pylight", "products", vars());
    JsonObject frame =
        new JsonObject()
            .put("type", "create")
            .put("model", "products")
            .put("data", new JsonObject().put("id", 7).put("price", 2));
    List<CloudbusEvent> a = copying.toEvents(frame.copy());
    List<CloudbusEvent> b = sharing.toEvents(frame.copy());
    assertThat(b).hasSameSizeAs(a).isNotEmpty();
    assertThat(b.get(0).subject()).isEqualTo("products/7");
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.get(i).name()).isEqualTo(a.get(i).name());
      assertThat(b.get(i).subject()).isEqualTo(a.get(i).subject());
      assertThat(b.get(i).data()).isEqualTo(a.get(i).data());
    }
  }

  @Test
  void sharingRefusesVariablesWithTheToken() {
    assertThatThrownBy(
            () ->
                ProfileEventMapper.sharing(
                    VendorProfile.load("pylight"), "pylight", "p", vars().put("token", "t")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("token");
  }
}
