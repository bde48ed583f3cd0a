package io.cloudbus.generic;

import static io.cloudbus.generic.ItSupport.WAIT;
import static io.cloudbus.generic.ItSupport.deploy;
import static io.cloudbus.generic.ItSupport.homeAssistantConfig;
import static io.cloudbus.generic.ItSupport.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.ConnectionState;
import io.cloudbus.generic.ItSupport.Deployed;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudExtension;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A state that changes while the gateway is disconnected from Home Assistant is not missed. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class HomeAssistantResyncIT {

  @RegisterExtension static MockCloudExtension mock = ItSupport.mockCloud();

  @Test
  void aStateChangedDuringAnOutageArrivesAsACatchUpEvent(Vertx vertx, MockCloud cloud) {
    // GIVEN a connected home-assistant socket, and another client of the same Home Assistant
    Deployed watched = deploy(vertx, homeAssistantConfig(cloud));
    Deployed other = deploy(vertx, homeAssistantConfig(cloud).put("account", "other"));
    watched.awaitState(ConnectionState.CONNECTED);
    other.awaitState(ConnectionState.CONNECTED);

    // WHEN the watched socket is disconnected while the other turns the kitchen light on
    join(watched.socket().disconnect());
    watched.awaitState(ConnectionState.OFFLINE);
    join(
        new HomeAssistant(other.socket())
            .callService(
                "light", "turn_on", null, new JsonObject().put("entity_id", "light.kitchen")));
    await().atMost(WAIT).until(() -> !other.named("entity.state_changed").isEmpty());
    assertThat(watched.named("entity.state_changed")).isEmpty();
    watched.socket().runForever(Duration.ofMillis(100));

    // THEN after reconnecting it publishes the change, marked as caught up
    await().atMost(WAIT).until(() -> !watched.named("entity.state_changed").isEmpty());
    List<CloudbusEvent> changed = watched.named("entity.state_changed");
    assertThat(changed).hasSize(1);
    CloudbusEvent e = changed.get(0);
    assertThat(e.subject()).isEqualTo("light.kitchen");
    assertThat(e.data().getBoolean("catchUp")).isTrue();
    assertThat(e.data().getJsonObject("old_state").getString("state")).isEqualTo("off");
    assertThat(e.data().getJsonObject("new_state").getString("state")).isEqualTo("on");
  }
}
