package io.cloudbus.mock.impl;

import io.cloudbus.mock.Faults;
import io.cloudbus.mock.MockRequest;
import io.cloudbus.mock.MockSocket;
import io.cloudbus.mock.VendorStats;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MockSocket} over a Vert.x {@link ServerWebSocket}. Faults are read from the vendor context
 * at each send, so a fault changed while the socket is open applies at once.
 */
final class MockSocketImpl implements MockSocket {
  /** A frame no JSON parser accepts: the start of an object, cut off. */
  static final String MALFORMED_FRAME = "{\"type\":\"malformed\",\"data\":{";

  private static final Logger LOG = LoggerFactory.getLogger(MockSocketImpl.class);

  private final long id;
  private final VendorContextImpl vendor;
  private final ServerWebSocket ws;
  private final MockRequest upgrade;
  private final Map<String, Object> attributes = new HashMap<>();
  private Handler<String> textHandler = text -> {};
  private Handler<Void> closeHandler = v -> {};
  private boolean open = true;
  private boolean handshakeDone;
  private boolean paused;
  private long pushes;

  MockSocketImpl(long id, VendorContextImpl vendor, ServerWebSocket ws, MockRequest upgrade) {
    this.id = id;
    this.vendor = vendor;
    this.ws = ws;
    this.upgrade = upgrade;
    ws.textMessageHandler(text -> textHandler.handle(text));
    ws.binaryMessageHandler(data -> textHandler.handle(data.toString()));
    ws.exceptionHandler(e -> LOG.debug("[{}#{}] socket error: {}", vendor(), id, e.toString()));
    ws.closeHandler(v -> onClosed());
  }

  @Override
  public long id() {
    return id;
  }

  @Override
  public String vendor() {
    return vendor.vendor();
  }

  @Override
  public MockRequest upgrade() {
    return upgrade;
  }

  @Override
  public MockSocket textHandler(Handler<String> handler) {
    textHandler = handler == null ? text -> {} : handler;
    return this;
  }

  @Override
  public MockSocket closeHandler(Handler<Void> handler) {
    closeHandler = handler == null ? v -> {} : handler;
    return this;
  }

  @Override
  public void send(String text) {
    if (writable()) {
      ws.writeTextMessage(text);
    }
  }

  @Override
  public boolean push(String text) {
    if (!writable()) {
      return false;
    }
    pushes++;
    int every = vendor.faults().malformedEvery();
    if (every > 0 && pushes % every == 0) {
      ws.writeTextMessage(MALFORMED_FRAME);
    }
    ws.writeTextMessage(text);
    vendor.stats().increment(VendorStats.PUSHED);
    return true;
  }

  @Override
  public void sendBinary(Buffer data) {
    if (writable()) {
      ws.writeBinaryMessage(data);
    }
  }

  @Override
  public void ping() {
    if (writable()) {
      ws.writePing(Buffer.buffer());
    }
  }

  @Override
  public void handshakeDone() {
    if (!open) {
      return;
    }
    if (!handshakeDone) {
      handshakeDone = true;
      vendor.stats().increment(VendorStats.HANDSHAKES);
    }
    if (vendor.faults().acceptThenClose()) {
      LOG.debug("[{}#{}] acceptThenClose: closing after the handshake", vendor(), id);
      close(1000, "");
    }
  }

  @Override
  public boolean isHandshakeDone() {
    return handshakeDone;
  }

  @Override
  public void close(int code, String reason) {
    if (code < 1000 || code > 4999) {
      throw new IllegalArgumentException("close code must be 1000..4999");
    }
    if (open) {
      // A silent socket reads nothing, so it would never see the client's close reply.
      unpause();
      ws.close((short) code, reason == null ? "" : reason);
    }
  }

  @Override
  public void abort() {
    if (!open) {
      return;
    }
    LOG.debug("[{}#{}] abort", vendor(), id);
    if (ws instanceof WebSocketInternal internal) {
      // SO_LINGER 0 turns the close into a TCP RST, and closing through Unsafe skips the Vert.x
      // handler that would first send a close frame: the client sees 1006.
      Channel channel = internal.channelHandlerContext().channel();
      channel.config().setOption(ChannelOption.SO_LINGER, 0);
      channel.unsafe().close(channel.voidPromise());
    } else {
      ws.close((short) 1011, "");
    }
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T attribute(String key) {
    return (T) attributes.get(key);
  }

  @Override
  public MockSocket attribute(String key, Object value) {
    if (value == null) {
      attributes.remove(key);
    } else {
      attributes.put(key, value);
    }
    return this;
  }

  /** Applies a change of the {@code silent} fault: a silent socket reads nothing. */
  void applySilence(Faults faults) {
    if (!open) {
      return;
    }
    if (faults.silent() && !paused) {
      paused = true;
      setReading(false);
    } else if (!faults.silent()) {
      unpause();
    }
  }

  private void unpause() {
    if (paused) {
      paused = false;
      setReading(true);
    }
  }

  /**
   * Stops or restarts reading from the TCP connection. Pausing the WebSocket stream alone is not
   * enough: Vert.x would still answer WebSocket pings, and a silent cloud answers nothing.
   */
  private void setReading(boolean on) {
    if (ws instanceof WebSocketInternal internal) {
      Channel channel = internal.channelHandlerContext().channel();
      channel.config().setAutoRead(on);
      if (on) {
        channel.read();
      }
    } else if (on) {
      ws.resume();
    } else {
      ws.pause();
    }
  }

  private boolean writable() {
    return open && !vendor.faults().silent();
  }

  private void onClosed() {
    if (!open) {
      return;
    }
    open = false;
    vendor.socketRegistry().remove(this);
    LOG.debug("[{}#{}] closed", vendor(), id);
    try {
      closeHandler.handle(null);
    } catch (RuntimeException e) {
      LOG.warn("[{}#{}] close handler failed", vendor(), id, e);
    }
  }

  @Override
  public String toString() {
    return vendor() + "#" + id;
  }
}
