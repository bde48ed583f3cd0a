package io.cloudbus.simplisafe;

import static io.cloudbus.simplisafe.TestSupport.await;

import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.ConnectionState;
import io.cloudbus.core.TokenStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** One deployed SimpliSafe socket with everything it published captured. */
final class SocketHarness implements AutoCloseable {

  final Vertx vertx;
  final TokenStore store = TokenStore.inMemory();
  final SimpliSafeSocket socket;
  final List<CloudbusEvent> events = new CopyOnWriteArrayList<>();
  final List<CloudbusEvent> control = new CopyOnWriteArrayList<>();
  final List<JsonObject> busEvents = new CopyOnWriteArrayList<>();
  final List<JsonObject> statuses = new CopyOnWriteArrayList<>();
  private String deploymentId;

  SocketHarness(Vertx vertx, JsonObject config) {
    this.vertx = vertx;
    String account = config.getString("account");
    socket = (SimpliSafeSocket) new SimpliSafeAdapterProvider().create(vertx, config, store);
    // vendor events in events; device.changed and command audit events in control
    socket.onEvent(
        e -> {
          if ("device".equals(e.vendorType()) || "command".equals(e.vendorType())) {
            control.add(e);
          } else {
            events.add(e);
          }
        });
    vertx
        .eventBus()
        .<JsonObject>consumer(
            CloudbusAddresses.STATUS,
            m -> {
              if (account.equals(m.body().getString("account"))) {
                statuses.add(m.body());
              }
            });
    vertx
        .eventBus()
        .<JsonObject>consumer(
            CloudbusAddresses.events("simplisafe", account),
            m -> {
              String type = m.body().getString("type", "");
              if (!type.startsWith("io.cloudbus.device.")
                  && !type.startsWith("io.cloudbus.command.")) {
                busEvents.add(m.body());
              }
            });
  }

  SocketHarness deploy() {
    deploymentId = await(vertx.deployVerticle(socket));
    return this;
  }

  boolean is(ConnectionState state) {
    return socket.state() == state;
  }

  List<String> ids() {
    return events.stream().map(CloudbusEvent::id).collect(Collectors.toList());
  }

  List<JsonObject> statusesIn(ConnectionState state) {
    return statuses.stream()
        .filter(s -> state.wireName().equals(s.getString("state")))
        .collect(Collectors.toList());
  }

  @Override
  public void close() {
    if (deploymentId != null) {
      await(vertx.undeploy(deploymentId));
    }
  }
}
