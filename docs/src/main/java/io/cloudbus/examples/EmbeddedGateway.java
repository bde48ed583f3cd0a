package io.cloudbus.examples;

import io.cloudbus.core.AdapterProvider;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.TokenStore;
import io.cloudbus.mock.MockCloud;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * The gateway embedded in a Vert.x application (docs/cli.md, "Embedding"): deploy one account's
 * socket verticle from its JSON config, then consume normalized events from the event bus. Here the
 * account is the BTicino demo account of a {@link MockCloud}; for a real account drop {@code
 * endpoints} and use the real credentials.
 *
 * <p>Run it from an IDE: it starts a mock cloud, rings the doorbell through the mock's admin API
 * every 3 s and prints every event. The same application as a standalone Maven project, built
 * against the installed artifacts, is {@code examples/embedded} (docs/embedding.md).
 */
public final class EmbeddedGateway {

  private EmbeddedGateway() {}

  /** The account config of the mock's seeded BTicino demo account. */
  public static JsonObject bticinoDemoAccount(MockCloud mock) {
    JsonObject endpoints = mock.endpoints("bticino");
    JsonObject demo = endpoints.getJsonObject("demo");
    return new JsonObject()
        .put("adapter", "bticino")
        .put("account", "home")
        .put("username", demo.getString("username"))
        .put("password", demo.getString("password"))
        .put("clientSecret", demo.getString("clientSecret"))
        .put(
            "endpoints",
            new JsonObject()
                .put("tokenUrl", endpoints.getString("tokenUrl"))
                .put("apiBaseUrl", endpoints.getString("apiBaseUrl"))
                .put("socketUrl", endpoints.getString("socketUrl")));
  }

  /**
   * Deploys the socket of {@code account} (found by its {@code adapter} through {@link
   * ServiceLoader}) and hands every event of that account to {@code onEvent}.
   *
   * @return the deployed socket; fails when no adapter has that name or the config is invalid
   */
  public static Future<CloudSocket> deploy(
      Vertx vertx, JsonObject account, Consumer<JsonObject> onEvent) {
    String adapter = account.getString("adapter");
    AdapterProvider provider =
        ServiceLoader.load(AdapterProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.name().equals(adapter))
            .findFirst()
            .orElse(null);
    if (provider == null) {
      return Future.failedFuture("no adapter named " + adapter);
    }
    CloudSocket socket;
    try {
      socket = provider.create(vertx, account, TokenStore.inMemory());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    // Consume before deploying, so that no event of the first connection is missed.
    MessageConsumer<JsonObject> consumer =
        vertx
            .eventBus()
            .consumer(
                CloudbusAddresses.events(socket.vendor(), socket.account()),
                m -> onEvent.accept(m.body()));
    return consumer.completion().compose(v -> vertx.deployVerticle(socket)).map(socket);
  }

  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx();
    MockCloud.start(vertx)
        .compose(
            mock ->
                deploy(
                        vertx,
                        bticinoDemoAccount(mock),
                        event ->
                            System.out.println(
                                event.getString("type") + " " + event.getString("subject")))
                    .onSuccess(socket -> ringEvery3s(vertx, mock)))
        .onFailure(
            err -> {
              System.err.println("cannot start: " + err.getMessage());
              vertx.close();
            });
  }

  private static void ringEvery3s(Vertx vertx, MockCloud mock) {
    WebClient client = WebClient.create(vertx);
    long[] n = {0};
    vertx.setPeriodic(
        3_000,
        id ->
            client
                .postAbs(mock.adminUrl() + "/bticino/pushes")
                .sendJson(offer("example-call-" + n[0]++)));
  }

  /** A BTicino doorbell call offer push, as the cloud sends it (home and bridge of the seed). */
  public static JsonObject offer(String sessionId) {
    return new JsonObject()
        .put("push_type", "BNC1-rtc")
        .put(
            "extra_params",
            new JsonObject()
                .put("session_id", sessionId)
                .put(
                    "data",
                    new JsonObject()
                        .put("type", "offer")
                        .put(
                            "session_description",
                            new JsonObject().put("type", "call").put("sdp", "v=0\r\n")))
                .put("device_id", "00:03:50:aa:bb:cc")
                .put("home_id", "5f3c2a1b9d8e7f6a5b4c3d2e"));
  }
}
