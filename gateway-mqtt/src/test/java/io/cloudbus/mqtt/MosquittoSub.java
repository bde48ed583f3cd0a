package io.cloudbus.mqtt;

import static io.cloudbus.mqtt.Patience.PATIENT;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * Debian's {@code mosquitto_sub} as an independent subscriber: one line per message, {@code
 * <retained 0|1> <topic> <payload>}.
 */
public final class MosquittoSub implements AutoCloseable {

  /** One received message. */
  public record Received(boolean retained, String topic, String payload) {
    public JsonObject json() {
      return new JsonObject(payload);
    }
  }

  private final Process process;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  private MosquittoSub(Process process) {
    this.process = process;
    Thread reader = new Thread(this::read, "mosquitto_sub");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Subscribes to {@code filters} with QoS 1; {@code clientId} non-null for a persistent session.
   */
  public static MosquittoSub start(int port, String clientId, String... filters)
      throws IOException {
    return start(List.of("-h", "127.0.0.1", "-p", "" + port), clientId, filters);
  }

  /** As {@link #start(int, String, String...)}, reaching {@code broker} as it asks (TLS, user). */
  public static MosquittoSub start(Mosquitto broker, String clientId, String... filters)
      throws IOException {
    return start(broker.clientArgs(), clientId, filters);
  }

  /**
   * Subscribes with {@code connect} as the connection arguments (e.g. {@link
   * Mosquitto#clientArgs()} plus {@code -V mqttv5}).
   */
  public static MosquittoSub start(List<String> connect, String clientId, String... filters)
      throws IOException {
    List<String> cmd = new ArrayList<>(List.of("mosquitto_sub"));
    cmd.addAll(connect);
    cmd.addAll(List.of("-q", "1", "-F", "%r %t %p"));
    if (clientId != null) {
      cmd.addAll(List.of("-c", "-i", clientId));
    }
    for (String f : filters) {
      cmd.addAll(List.of("-t", f));
    }
    return new MosquittoSub(new ProcessBuilder(cmd).redirectErrorStream(true).start());
  }

  private void read() {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] parts = line.split(" ", 3);
        if (parts.length == 3) {
          received.add(new Received(parts[0].equals("1"), parts[1], parts[2]));
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  public List<Received> on(String topic) {
    return received.stream().filter(r -> r.topic().equals(topic)).toList();
  }

  /** Waits until a message arrived on {@code topic} and returns the last one. */
  public Received await(String topic) {
    Awaitility.await().atMost(PATIENT).until(() -> !on(topic).isEmpty());
    List<Received> on = on(topic);
    return on.get(on.size() - 1);
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    process.waitFor(PATIENT.toSeconds(), TimeUnit.SECONDS);
  }
}
