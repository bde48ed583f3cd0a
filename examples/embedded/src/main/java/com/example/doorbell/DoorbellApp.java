package com.example.doorbell;

import io.cloudbus.core.AdapterProvider;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.TokenStore;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Vert.x application that embeds cloudbus: it deploys one BTicino account's socket verticle and
 * prints that account's doorbell events from the event bus. The account is the demo account of an
 * embedded mock cloud, which rings the doorbell every 3 s; for a real account drop the mock, the
 * {@code endpoints} block and use real credentials (from the environment, never from code).
 *
 * <p>{@code java -jar target/doorbell-app.jar} runs until Ctrl-C; {@code --exit-after N} exits 0
 * after N events (1 when none came within two minutes), which is how CI runs it.
 */
public final class DoorbellApp {

  private static final long GIVE_UP_MS = 120_000;

  private DoorbellApp() {}

  public static void main(String[] args) {
    int exitAfter = args.length == 2 && args[0].equals("--exit-after") ? Integer.parseInt(args[1]) : 0;
    Vertx vertx = Vertx.vertx();
    AtomicInteger seen = new AtomicInteger();
    if (exitAfter > 0) {
      vertx.setTimer(GIVE_UP_MS, id -> stop(vertx, 1, "no event within " + GIVE_UP_MS + " ms"));
    }
    MockCloud.start(vertx, new MockCloudOptions().port(0).restPort(0))
        .compose(
            mock -> {
              JsonObject account = demoAccount(mock);
              // Ring only once the socket is connected: a push before that reaches no socket.
              vertx
                  .eventBus()
                  .<JsonObject>consumer(
                      CloudbusAddresses.STATUS,
                      m -> {
                        if ("home".equals(m.body().getString("account"))
                            && "connected".equals(m.body().getString("state"))) {
                          ringEvery3s(vertx, mock);
                        }
                      });
              return deploy(
                  vertx,
                  account,
                  event -> {
                    System.out.println(
                        "event " + event.getString("type") + " " + event.getString("subject"));
                    if (exitAfter > 0 && seen.incrementAndGet() == exitAfter) {
                      stop(vertx, 0, null);
                    }
                  });
            })
        .onSuccess(socket -> System.out.println("deployed " + socket.vendor() + "/" + socket.account()))
        .onFailure(err -> stop(vertx, 1, "cannot start: " + err.getMessage()));
  }

  /**
   * Deploys the socket of {@code account}, found by its {@code adapter} name through {@link
   * ServiceLoader}, and hands each of its events to {@code onEvent} (on an event loop).
   */
  static Future<CloudSocket> deploy(
      Vertx vertx, JsonObject account, java.util.function.Consumer<JsonObject> onEvent) {
    AdapterProvider provider =
        ServiceLoader.load(AdapterProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.name().equals(account.getString("adapter")))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("adapter not on the class path"));
    CloudSocket socket = provider.create(vertx, account, TokenStore.inMemory());
    // Consume before deploying, so that no event of the first connection is missed.
    return vertx
        .eventBus()
        .<JsonObject>consumer(
            CloudbusAddresses.events(socket.vendor(), socket.account()), m -> onEvent.accept(m.body()))
        .completion()
        .compose(v -> vertx.deployVerticle(socket))
        .map(socket);
  }

  /** The account config of the mock's BTicino demo account: one {@code accounts} entry of run. */
  static JsonObject demoAccount(MockCloud mock) {
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

  private static void ringEvery3s(Vertx vertx, MockCloud mock) {
    WebClient client = WebClient.create(vertx);
    AtomicInteger call = new AtomicInteger();
    Runnable ring =
        () ->
            client
                .postAbs(mock.adminUrl() + "/bticino/pushes")
                .sendJson(offer("example-call-" + call.getAndIncrement()));
    ring.run();
    vertx.setPeriodic(3_000, id -> ring.run());
  }

  /** A BTicino doorbell call offer push as the cloud sends it (home of the mock's seed). */
  static JsonObject offer(String sessionId) {
    JsonObject sdp = new JsonObject().put("type", "call").put("sdp", "v=0\r\n");
    return new JsonObject()
        .put("push_type", "BNC1-rtc")
        .put(
            "extra_params",
            new JsonObject()
                .put("session_id", sessionId)
                .put("data", new JsonObject().put("type", "offer").put("session_description", sdp))
                .put("device_id", "00:03:50:aa:bb:cc")
                .put("home_id", "5f3c2a1b9d8e7f6a5b4c3d2e"));
  }

  private static void stop(Vertx vertx, int code, String message) {
    if (message != null) {
      System.err.println("doorbell-app: " + message);
    }
    vertx.close().onComplete(v -> System.exit(code));
  }
}
