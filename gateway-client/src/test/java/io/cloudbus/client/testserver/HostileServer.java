package io.cloudbus.client.testserver;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A raw TCP server that misbehaves on purpose: answers no handshake, or completes the handshake and
 * then runs a scripted action (send half a frame and drop, never answer a close...). Port 0.
 */
public final class HostileServer {

  private static final Pattern KEY = Pattern.compile("(?im)^Sec-WebSocket-Key:\\s*(\\S+)\\s*$");

  private final Vertx vertx;
  private final boolean answerHandshake;
  private final Consumer<NetSocket> afterHandshake;
  private NetServer server;
  public final List<NetSocket> sockets = new CopyOnWriteArrayList<>();
  public final List<Buffer> receivedAfterHandshake = new CopyOnWriteArrayList<>();

  private HostileServer(Vertx vertx, boolean answerHandshake, Consumer<NetSocket> after) {
    this.vertx = vertx;
    this.answerHandshake = answerHandshake;
    this.afterHandshake = after;
  }

  /** Accepts TCP and never answers the HTTP upgrade. */
  public static HostileServer silent(Vertx vertx) {
    return new HostileServer(vertx, false, s -> {});
  }

  /** Completes the handshake, then runs {@code action} on the socket (event loop). */
  public static HostileServer afterHandshake(Vertx vertx, Consumer<NetSocket> action) {
    return new HostileServer(vertx, true, action);
  }

  public Future<HostileServer> start() {
    server = vertx.createNetServer().connectHandler(this::connected);
    return server.listen(0, "127.0.0.1").map(s -> this);
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  public int port() {
    return server.actualPort();
  }

  public String url(String path) {
    return "ws://127.0.0.1:" + port() + path;
  }

  private void connected(NetSocket socket) {
    sockets.add(socket);
    Buffer request = Buffer.buffer();
    boolean[] upgraded = {false};
    socket.handler(
        data -> {
          if (upgraded[0]) {
            receivedAfterHandshake.add(data);
            return;
          }
          request.appendBuffer(data);
          String text = request.toString(StandardCharsets.ISO_8859_1);
          if (!text.contains("\r\n\r\n") || !answerHandshake) {
            return;
          }
          upgraded[0] = true;
          Matcher m = KEY.matcher(text);
          String key = m.find() ? m.group(1) : "";
          socket.write(
              "HTTP/1.1 101 Switching Protocols\r\n"
                  + "Upgrade: websocket\r\n"
                  + "Connection: Upgrade\r\n"
                  + "Sec-WebSocket-Accept: "
                  + accept(key)
                  + "\r\n\r\n");
          afterHandshake.accept(socket);
        });
  }

  /** An unmasked server text frame (payload under 126 bytes). */
  public static Buffer textFrame(String text) {
    byte[] p = text.getBytes(StandardCharsets.UTF_8);
    return Buffer.buffer().appendByte((byte) 0x81).appendByte((byte) p.length).appendBytes(p);
  }

  private static String accept(String key) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      byte[] d =
          sha1.digest(
              (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
