package io.cloudbus.service.impl;

import io.cloudbus.service.Role;
import io.cloudbus.service.ServiceOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.core.streams.WriteStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP bridge client. Authentication (when tokens are configured): a frame whose {@code headers}
 * carry {@code token} (or {@code authorization: Bearer ...}) authenticates the connection from then
 * on; a first {@code {"type":"ping","headers":{"token":"..."}}} is the usual way. Until then every
 * frame but {@code ping} gets {@code err unauthorized}. Error frames: {@code
 * {"type":"err","message":code}} with codes {@code unauthorized}, {@code forbidden}, {@code
 * access_denied}, {@code missing_address}, {@code unknown_type}, {@code invalid_json}, {@code
 * frame_too_large}, {@code unknown_address}, {@code too_many_handlers}, {@code rate_limited} (see
 * {@link CommandLimiter}).
 *
 * <p>Threading: runs on the event loop of the service verticle.
 */
final class TcpBridgeConnection {

  private static final Logger LOG = LoggerFactory.getLogger(TcpBridgeConnection.class);
  static final int MAX_HANDLERS = 100;
  private static final long SLOW_CLOSE_GRACE_MS = 2_000;

  private final Vertx vertx;
  private final NetSocket socket;
  private final String id;
  private final ServiceOptions options;
  private final TokenAuth auth;
  private final GatewayMetrics metrics;
  private final SlowClientGuard guard;
  private final Map<String, MessageConsumer<Object>> consumers = new HashMap<>();
  private Set<Role> roles;
  private long lastSeenMs = System.currentTimeMillis();
  private long pingTimer = -1;
  private boolean closed;

  TcpBridgeConnection(
      Vertx vertx,
      NetSocket socket,
      String id,
      ServiceOptions options,
      TokenAuth auth,
      GatewayMetrics metrics) {
    this.vertx = vertx;
    this.socket = socket;
    this.id = id;
    this.options = options;
    this.auth = auth;
    this.metrics = metrics;
    this.roles = auth.enabled() ? null : auth.rolesOf(null);
    this.guard = new SlowClientGuard(socket, options.clientQueueHighWaterMark(), this::cutSlow);
  }

  void start(Runnable onClosed) {
    FrameDecoder decoder =
        new FrameDecoder(
            options.maxFrameBytes(),
            this::onFrame,
            length -> {
              metrics.badFrame(GatewayMetrics.TCP);
              send(err("frame_too_large"));
            },
            () -> {
              metrics.badFrame(GatewayMetrics.TCP);
              send(err("invalid_frame_length"));
              socket.close();
            });
    socket.handler(decoder::feed);
    socket.exceptionHandler(e -> LOG.debug("[{}] socket error: {}", id, e.toString()));
    socket.closeHandler(
        v -> {
          closed = true;
          vertx.cancelTimer(pingTimer);
          consumers.values().forEach(MessageConsumer::unregister);
          consumers.clear();
          onClosed.run();
          LOG.debug("[{}] closed", id);
        });
    long period = Math.max(500, options.bridgePingTimeoutMs() / 2);
    pingTimer =
        vertx.setPeriodic(
            period,
            t -> {
              if (System.currentTimeMillis() - lastSeenMs > options.bridgePingTimeoutMs()) {
                LOG.debug("[{}] closed: no frame for {} ms", id, options.bridgePingTimeoutMs());
                socket.close();
              }
            });
    LOG.debug("[{}] open from {}", id, socket.remoteAddress());
  }

  private void onFrame(Buffer payload) {
    lastSeenMs = System.currentTimeMillis();
    Object parsed;
    try {
      parsed = Json.decodeValue(payload);
    } catch (DecodeException e) {
      parsed = null;
    }
    if (!(parsed instanceof JsonObject frame)) {
      metrics.badFrame(GatewayMetrics.TCP);
      send(err("invalid_json"));
      return;
    }
    String token = TokenAuth.frameToken(frame);
    if (token != null) {
      Set<Role> presented = auth.rolesOf(token);
      if (presented == null) {
        metrics.clientRejected(GatewayMetrics.TCP, "unauthorized");
        send(err("unauthorized"));
        return;
      }
      roles = presented;
      TokenAuth.stripFrameToken(frame);
    }
    String type = frame.getValue("type") instanceof String s ? s : "";
    if ("ping".equals(type)) {
      send(new JsonObject().put("type", "pong"));
      return;
    }
    if (!Set.of("send", "publish", "register", "unregister").contains(type)) {
      metrics.badFrame(GatewayMetrics.TCP);
      send(err("unknown_type"));
      return;
    }
    if (roles == null) {
      send(err("unauthorized"));
      return;
    }
    if (!(frame.getValue("address") instanceof String address) || address.isEmpty()) {
      metrics.badFrame(GatewayMetrics.TCP);
      send(err("missing_address"));
      return;
    }
    switch (type) {
      case "register" -> register(address);
      case "unregister" -> unregister(address);
      default -> sendOrPublish("send".equals(type), address, frame);
    }
  }

  private void register(String address) {
    if (!BridgePermits.outboundAllowed(address)) {
      send(err("access_denied").put("address", address));
      return;
    }
    if (consumers.containsKey(address)) {
      return;
    }
    if (consumers.size() >= MAX_HANDLERS) {
      send(err("too_many_handlers"));
      return;
    }
    consumers.put(address, vertx.eventBus().consumer(address, this::deliver));
  }

  private void unregister(String address) {
    MessageConsumer<Object> c = consumers.remove(address);
    if (c == null) {
      send(err("unknown_address").put("address", address));
      return;
    }
    c.unregister();
  }

  private void sendOrPublish(boolean isSend, String address, JsonObject frame) {
    if (!BridgePermits.inboundAllowed(address)) {
      send(err("access_denied").put("address", address));
      return;
    }
    if (!GatewayVerticle.mayCommand(roles)) {
      send(err("forbidden").put("address", address));
      return;
    }
    if (!CommandLimiter.of(vertx, options.limits())
        .admit(id, address, metrics, GatewayMetrics.TCP)) {
      send(
          CommandLimiter.tcpRefusal(
              address, frame.getValue("replyAddress") instanceof String r ? r : null));
      return;
    }
    DeliveryOptions delivery = new DeliveryOptions();
    if (frame.getValue("headers") instanceof JsonObject headers) {
      headers.forEach(e -> delivery.addHeader(e.getKey(), String.valueOf(e.getValue())));
    }
    Object body = frame.getValue("body");
    String replyAddress = frame.getValue("replyAddress") instanceof String r ? r : null;
    if (!isSend) {
      vertx.eventBus().publish(address, body, delivery);
    } else if (replyAddress == null) {
      vertx.eventBus().send(address, body, delivery);
    } else {
      vertx
          .eventBus()
          .request(address, body, delivery)
          .onSuccess(reply -> send(messageFrame(replyAddress, reply, true)))
          .onFailure(e -> send(replyError(replyAddress, e)));
    }
  }

  private void deliver(Message<Object> msg) {
    if (closed || !guard.admit()) {
      return;
    }
    send(messageFrame(msg.address(), msg, msg.isSend()));
    if (msg.address().startsWith("cloudbus.events")) {
      metrics.eventOut(GatewayMetrics.TCP, msg.body() instanceof JsonObject b ? b : null);
    }
  }

  private static JsonObject messageFrame(String address, Message<Object> msg, boolean isSend) {
    JsonObject headers = new JsonObject();
    msg.headers().forEach(e -> headers.put(e.getKey(), e.getValue()));
    return new JsonObject()
        .put("type", "message")
        .put("address", address)
        .put("headers", headers)
        .put("body", msg.body())
        .put("send", isSend);
  }

  private static JsonObject replyError(String replyAddress, Throwable e) {
    JsonObject err = err(e.getMessage() == null ? "reply failed" : e.getMessage());
    err.put("address", replyAddress);
    if (e instanceof ReplyException re) {
      err.put("failureCode", re.failureCode()).put("failureType", re.failureType().name());
    }
    return err;
  }

  static JsonObject err(String message) {
    return new JsonObject().put("type", "err").put("message", message);
  }

  private void send(JsonObject frame) {
    if (!closed) {
      writeFrame(socket, frame);
    }
  }

  static Future<Void> writeFrame(WriteStream<Buffer> out, JsonObject frame) {
    byte[] json = frame.encode().getBytes(StandardCharsets.UTF_8);
    return out.write(Buffer.buffer(json.length + 4).appendInt(json.length).appendBytes(json));
  }

  private void cutSlow() {
    metrics.slowClientDropped(GatewayMetrics.TCP);
    LOG.info("[{}] disconnected: slow client (write queue stayed full)", id);
    writeFrame(socket, err("slow_client"));
    socket.close();
    // the close waits behind everything the client did not read: bound the wait
    vertx.setTimer(
        SLOW_CLOSE_GRACE_MS,
        t -> {
          if (!closed) {
            ConnectionAbort.abort(socket);
          }
        });
  }

  void close() {
    socket.close();
  }
}
