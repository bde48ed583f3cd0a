package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/** A blocking TCP event bus bridge client for tests: 4-byte length + JSON frames. */
final class TcpTestClient implements AutoCloseable {

  final List<JsonObject> frames = new CopyOnWriteArrayList<>();
  final AtomicBoolean closed = new AtomicBoolean();
  private final Socket socket;
  private final OutputStream out;

  TcpTestClient(int port) {
    try {
      socket = new Socket("127.0.0.1", port);
      out = socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread reader =
        new Thread(
            () -> {
              try (DataInputStream in = new DataInputStream(socket.getInputStream())) {
                while (true) {
                  byte[] payload = new byte[in.readInt()];
                  in.readFully(payload);
                  frames.add(new JsonObject(new String(payload, StandardCharsets.UTF_8)));
                }
              } catch (IOException e) {
                closed.set(true);
              }
            },
            "tcp-test-reader");
    reader.setDaemon(true);
    reader.start();
  }

  static byte[] frame(JsonObject json) {
    return frame(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  static byte[] frame(byte[] payload) {
    return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
  }

  /** Writes all frames in one write, so that the server reads several frames at once. */
  void send(JsonObject... jsons) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (JsonObject j : jsons) {
      all.writeBytes(frame(j));
    }
    writeRaw(all.toByteArray());
  }

  void writeRaw(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonObject awaitFrame(Predicate<JsonObject> match) {
    await().atMost(PATIENT).until(() -> frames.stream().anyMatch(match));
    return frames.stream().filter(match).findFirst().orElseThrow();
  }

  /** Pings and waits for the pong: every earlier frame has been handled. */
  void sync() {
    long before = count("pong");
    send(new JsonObject().put("type", "ping"));
    await().atMost(PATIENT).until(() -> count("pong") > before);
  }

  long count(String type) {
    return frames.stream().filter(f -> type.equals(f.getString("type"))).count();
  }

  List<String> errors() {
    return frames.stream()
        .filter(f -> "err".equals(f.getString("type")))
        .map(f -> f.getString("message"))
        .toList();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing a test socket cannot fail in a way that matters
    }
  }
}
