package io.cloudbus.bticino;

import io.cloudbus.bticino.impl.BticinoApi;
import io.cloudbus.bticino.impl.BticinoCallDeduplicator;
import io.cloudbus.bticino.impl.BticinoCatchUp;
import io.cloudbus.bticino.impl.BticinoCommands;
import io.cloudbus.bticino.impl.BticinoDevices;
import io.cloudbus.bticino.impl.BticinoErrors;
import io.cloudbus.bticino.impl.BticinoHistoryMapper;
import io.cloudbus.bticino.impl.BticinoPushMapper;
import io.cloudbus.core.AccessToken;
import io.cloudbus.core.AuthHandler;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.CloudbusException;
import io.cloudbus.core.FailureClass;
import io.cloudbus.core.KeepalivePolicy;
import io.cloudbus.core.SocketSession;
import io.cloudbus.core.util.Futures;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BTicino/Netatmo push socket ({@code wss://app-ws.netatmo.net/ws/}) of one account, as the
 * official app uses it: no auth header, a {@code Subscribe} message carrying the access token as
 * the first frame, {@code {"status":"ok"}} as the ack, no client pings, re-subscribe with a fresh
 * token on the same socket before the old one expires, and {@code getevents} catch-up after every
 * (re)connect. Lifecycle, backoff, dedup and publishing are the core's ({@link CloudSocket}).
 *
 * <p>Liveness: the server sends WebSocket pings every ~20 s and Vert.x answers them; a ping is an
 * inbound frame, so a silence watchdog on any inbound frame ({@link
 * BticinoConfig#DEFAULT_SILENCE_TIMEOUT_MS}, four missed pings) detects a dead link without
 * mistaking a quiet home for one. The client never pings: the cloud dropped clients that did.
 *
 * <p>Threading: hooks run on the verticle's event loop, as {@link CloudSocket} defines.
 */
public class BticinoSocket extends CloudSocket {

  private static final Logger LOG = LoggerFactory.getLogger(BticinoSocket.class);

  private final BticinoConfig config;
  private final BticinoPushMapper mapper;
  private final BticinoHistoryMapper historyMapper;
  // Created at start on the socket's context, closed at stop.
  private WebClient client;
  private BticinoCatchUp catchUp;
  private BticinoCommands commands;

  /**
   * @param config the account configuration
   * @param auth creates the account's {@link BticinoAuthHandler} (or another handler of the same
   *     tokens); the base creates it at start and closes it at stop, cancelling its proactive
   *     refresh
   */
  public BticinoSocket(BticinoConfig config, Supplier<? extends AuthHandler> auth) {
    super(config.socketOptions(), Objects.requireNonNull(auth, "auth"));
    this.config = config;
    BticinoCallDeduplicator calls = new BticinoCallDeduplicator();
    this.mapper =
        new BticinoPushMapper(
            config.socketOptions().vendor(), config.account(), calls, Instant::now);
    this.historyMapper = new BticinoHistoryMapper(mapper, Instant::now);
  }

  @Override
  protected Future<Void> doStart() {
    client = io.cloudbus.core.http.CloudWebClients.create(vertx, config.socketOptions());
    BticinoApi api = new BticinoApi(client, config, auth());
    catchUp = new BticinoCatchUp(api, historyMapper, config.catchUpSize(), config.tokenKey());
    BticinoDevices devices = new BticinoDevices(devices(), api);
    commands = new BticinoCommands(vertx, api, devices);
    onEvent(devices::onEvent);
    onConnectAsync(
        () ->
            devices
                .refresh()
                .recover(
                    err -> {
                      LOG.warn(
                          "[bticino/{}] device state not read: {}", account(), err.getMessage());
                      return Future.succeededFuture();
                    }));
    return Future.succeededFuture();
  }

  @Override
  protected List<io.cloudbus.core.CommandAction> commandActions() {
    return BticinoCommands.ACTIONS;
  }

  @Override
  protected Future<JsonObject> handleCommand(JsonObject command) {
    return BticinoCommands.handles(command.getValue("action"))
        ? commands.run(command)
        : super.handleCommand(command);
  }

  public BticinoConfig bticinoConfig() {
    return config;
  }

  /** The Subscribe message the app sends (no {@code filter}: it suppresses call pushes). */
  static JsonObject subscribe(AccessToken token, String appVersion) {
    return new JsonObject()
        .put("action", "Subscribe")
        .put("access_token", token.accessToken())
        .put("app_type", "app_camera")
        .put("platform", "Android")
        .put("version", appVersion);
  }

  /** Closes the catch-up's web client, so that no in-flight catch-up outlives the socket. */
  @Override
  protected Future<Void> doStop() {
    if (client != null) {
      client.close();
    }
    return Future.succeededFuture();
  }

  @Override
  protected Future<WebSocketConnectOptions> connectOptions(AccessToken token) {
    try {
      URI uri = new URI(config.socketUrl());
      boolean ssl = "wss".equalsIgnoreCase(uri.getScheme());
      int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      if (uri.getRawQuery() != null) {
        path += "?" + uri.getRawQuery();
      }
      // No Authorization header: the cloud authenticates the Subscribe message only.
      return Future.succeededFuture(
          new WebSocketConnectOptions()
              .setHost(uri.getHost())
              .setPort(port)
              .setSsl(ssl)
              .setURI(path));
    } catch (Exception e) {
      return Future.failedFuture(
          CloudbusException.configuration("bad socketUrl: " + e.getClass().getSimpleName()));
    }
  }

  @Override
  protected Future<Void> handshake(SocketSession session, AccessToken token) {
    return subscribeOn(session, token)
        .compose(
            reply -> {
              if (BticinoPushMapper.isSubscribeAck(reply)) {
                LOG.info("[{}] subscribed", session.logContext());
                return Future.succeededFuture();
              }
              return rejected(session, token, reply);
            });
  }

  @Override
  protected Future<Boolean> refreshOnSocket(SocketSession session, AccessToken fresh) {
    return subscribeOn(session, fresh)
        .map(
            reply -> {
              if (BticinoPushMapper.isSubscribeAck(reply)) {
                LOG.info("[{}] re-subscribed with a fresh token", session.logContext());
                return true;
              }
              LOG.warn(
                  "[{}] re-subscribe refused (code {}); reconnecting",
                  session.logContext(),
                  BticinoErrors.code(reply));
              return false;
            });
  }

  private Future<JsonObject> subscribeOn(SocketSession session, AccessToken token) {
    Future<JsonObject> reply =
        session.awaitMessage(
            m -> BticinoPushMapper.isSubscribeAck(m) || BticinoPushMapper.isSubscribeError(m),
            Duration.ofMillis(config.resubscribeTimeoutMs()));
    return session.send(subscribe(token, config.appVersion())).compose(v -> reply);
  }

  /**
   * A refused Subscribe. The cloud answers code 11 both for a bad token and for its own trouble, so
   * the token is reported as rejected (one single-flight refresh): if the refresh is refused too
   * the failure is {@code AUTH}, otherwise {@code TRANSIENT} and the next attempt, after backoff,
   * uses the fresh token. Backoff bounds the refreshes this can cause.
   */
  private Future<Void> rejected(SocketSession session, AccessToken token, JsonObject reply) {
    Integer code = BticinoErrors.code(reply);
    String message = "subscribe rejected" + (code == null ? "" : " (code " + code + ")");
    LOG.warn("[{}] {}", session.logContext(), message);
    return auth()
        .tokenRejected(token)
        .transform(
            ar -> {
              if (ar.failed() && CloudbusException.classify(ar.cause()) == FailureClass.AUTH) {
                return Future.failedFuture(
                    new CloudbusException(
                        FailureClass.AUTH, message + "; token refresh refused", ar.cause(), null));
              }
              return Future.failedFuture(CloudbusException.transientFailure(message, null));
            });
  }

  @Override
  protected List<CloudbusEvent> toEvents(JsonObject message) {
    if (BticinoPushMapper.isSubscribeError(message)) {
      LOG.warn(
          "[{}/{}] error frame from the cloud (code {})",
          vendor(),
          account(),
          BticinoErrors.code(message));
    }
    return mapper.map(message);
  }

  @Override
  protected KeepalivePolicy keepalive() {
    return KeepalivePolicy.silenceOnly(config.silenceTimeoutMs());
  }

  /**
   * Fetches the history on whatever context the REST calls complete on, then maps it on this
   * socket's context: the mapping claims call sessions shared with {@link #toEvents}, and the base
   * delivers the returned events in that same event-loop turn, so no live push can be mapped
   * between the claim and the delivery (BticinoCatchUp explains the reordering that caused).
   */
  @Override
  protected Future<List<CloudbusEvent>> recentEvents(AccessToken token) {
    return Futures.continueOn(context, catchUp.fetch()).map(catchUp::map);
  }
}
