package io.cloudbus.service.impl;

import io.cloudbus.service.Role;
import io.cloudbus.service.ServiceOptions;
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
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP bridge client: decodes its frames and answers them, delivers what it registered for.
 * Authentication and admission (pending until a valid token when tokens are configured): {@link
 * TcpClientAuth}. Every write goes through {@link TcpOutbound} (the slow-client bound; reading
 * pauses while the writes are backed up). A connection whose writes stay backed up for {@code
 * bridgePingTimeoutMs} is cut as slow; one that sends nothing for that long is closed.
 *
 * <p>Error frames: {@code {"type":"err","message":code}} with codes {@code unauthorized}, {@code
 * forbidden}, {@code access_denied}, {@code missing_address}, {@code address_too_long}, {@code
 * unknown_type}, {@code invalid_json}, {@code frame_too_large}, {@code invalid_frame_length}
 * (closed), {@code unknown_address}, {@code too_many_handlers}, {@code too_many_clients} (closed),
 * {@code slow_client} (closed), {@code rate_limited} (see {@link CommandLimiter}); {@code
 * too_many_pending} comes from {@link TcpBridge}. An address is echoed back only when it is at most
 * {@value #MAX_ADDRESS_LENGTH} characters long (longer ones are refused with {@code
 * address_too_long}), so no answer grows with what the client sent.
 *
 * <p>Threading: runs on the event loop of the service verticle.
 */
final class TcpBridgeConnection {

  private static final Logger LOG = LoggerFactory.getLogger(TcpBridgeConnection.class);
  static final int MAX_HANDLERS = 100;
  static final int MAX_ADDRESS_LENGTH = 200;

  /** How a connection becomes a counted client, and gives its place back. */
  interface Admission {
    /** The connection has just authenticated: true when it may stay (it now counts as a client). */
    boolean admit();

    /** Once, when {@code connection} has closed; {@code admitted}: {@link #admit()} said yes. */
    void release(TcpBridgeConnection connection, boolean admitted);
  }

  private final Vertx vertx;
  private final NetSocket socket;
  private final String id;
  private final ServiceOptions options;
  private final GatewayMetrics metrics;
  private final Admission admission;
  private final FrameDecoder decoder;
  private final TcpOutbound outbound;
  private final TcpClientAuth clientAuth;
  private final Map<String, MessageConsumer<Object>> consumers = new HashMap<>();
  private Set<Role> roles;
  private long lastSeenMs = System.currentTimeMillis();
  private long pingTimer = -1;

  /**
   * {@code admitted} true: the caller already counted the connection as a client (no tokens
   * configured, so it is authenticated at once); false: it is pending until it authenticates.
   */
  TcpBridgeConnection(
      Vertx vertx,
      NetSocket socket,
      String id,
      ServiceOptions options,
      TokenAuth auth,
      GatewayMetrics metrics,
      Admission admission,
      boolean admitted) {
    this.vertx = vertx;
    this.socket = socket;
    this.id = id;
    this.options = options;
    this.metrics = metrics;
    this.admission = admission;
    this.decoder =
        new FrameDecoder(
            options.maxFrameBytes(), this::onFrame, length -> onTooLarge(), this::onCorrupt);
    this.outbound =
        new TcpOutbound(
            vertx,
            socket,
            id,
            options.clientQueueHighWaterMark(),
            metrics,
            this::pauseReading,
            this::resumeReading);
    this.clientAuth =
        new TcpClientAuth(vertx, id, options, auth, metrics, outbound, admission::admit, admitted);
    this.roles = clientAuth.roles();
  }

  void start() {
    socket.handler(decoder::feed);
    socket.exceptionHandler(e -> LOG.debug("[{}] socket error: {}", id, e.toString()));
    socket.closeHandler(v -> onClosed());
    long period = Math.max(500, options.bridgePingTimeoutMs() / 2);
    pingTimer = vertx.setPeriodic(period, t -> checkAlive());
    clientAuth.start();
    LOG.debug("[{}] open from {}", id, socket.remoteAddress());
  }

  private void onClosed() {
    outbound.closed();
    vertx.cancelTimer(pingTimer);
    clientAuth.closed();
    consumers.values().forEach(MessageConsumer::unregister);
    consumers.clear();
    admission.release(this, clientAuth.admitted());
    LOG.debug("[{}] closed", id);
  }

  private void checkAlive() {
    long now = System.currentTimeMillis();
    long timeout = options.bridgePingTimeoutMs();
    long backedUpSince = outbound.backedUpSinceMs();
    if (backedUpSince >= 0) {
      // not reading is our doing while backed up: only the client's own reading counts then
      if (now - backedUpSince > timeout) {
        outbound.cutSlow();
      }
    } else if (now - lastSeenMs > timeout) {
      LOG.debug("[{}] closed: no frame for {} ms", id, timeout);
      outbound.close(null);
    }
  }

  private void pauseReading() {
    socket.pause();
    decoder.pause();
  }

  private void resumeReading() {
    lastSeenMs = System.currentTimeMillis();
    socket.resume();
    decoder.resume();
  }

  private void onTooLarge() {
    if (outbound.closing()) {
      return;
    }
    if (clientAuth.pending()) {
      clientAuth.refuse();
      return;
    }
    metrics.badFrame(GatewayMetrics.TCP);
    send(err("frame_too_large"));
  }

  private void onCorrupt() {
    metrics.badFrame(GatewayMetrics.TCP);
    outbound.close(err(clientAuth.pending() ? "unauthorized" : "invalid_frame_length"));
  }

  private void onFrame(Buffer payload) {
    if (outbound.closing()) {
      return;
    }
    lastSeenMs = System.currentTimeMillis();
    Object parsed;
    try {
      parsed = Json.decodeValue(payload);
    } catch (DecodeException e) {
      parsed = null;
    }
    JsonObject frame = parsed instanceof JsonObject f ? f : null;
    if (!clientAuth.accept(frame)) {
      return;
    }
    roles = clientAuth.roles();
    if (frame == null) {
      metrics.badFrame(GatewayMetrics.TCP);
      send(err("invalid_json"));
      return;
    }
    handle(frame);
  }

  private void handle(JsonObject frame) {
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
    if (!(frame.getValue("address") instanceof String address) || address.isEmpty()) {
      metrics.badFrame(GatewayMetrics.TCP);
      send(err("missing_address"));
      return;
    }
    if (address.length() > MAX_ADDRESS_LENGTH
        || frame.getValue("replyAddress") instanceof String r && r.length() > MAX_ADDRESS_LENGTH) {
      // never echoed: an answer must not grow with what the client sent
      metrics.badFrame(GatewayMetrics.TCP);
      send(err("address_too_long"));
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
    if (outbound.write(messageFrame(msg.address(), msg, msg.isSend()))
        && msg.address().startsWith("cloudbus.events")) {
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

  /** Every frame to the client goes out here, through the outbound bound. */
  private void send(JsonObject frame) {
    outbound.write(frame);
  }

  void close() {
    outbound.close(null);
  }
}
