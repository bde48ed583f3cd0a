package io.cloudbus.mqtt;

import static io.cloudbus.mqtt.Patience.PATIENT;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's mosquitto broker, started by a test on a free loopback port with a config of its own
 * (anonymous access, persistence in the test's directory so that a restart keeps sessions).
 */
public final class Mosquitto implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/sbin/mosquitto");

  private final Path dir;
  private final int port;
  private Process process;

  private Mosquitto(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  public static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /** Starts a broker on a free port, its files in {@code dir}. */
  public static Mosquitto start(Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Mosquitto m = new Mosquitto(dir, port);
    m.restart();
    return m;
  }

  public int port() {
    return port;
  }

  public String url() {
    return "mqtt://127.0.0.1:" + port;
  }

  /** (Re)starts the broker on the same port and waits until it accepts connections. */
  public void restart() throws Exception {
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(
        conf,
        "listener "
            + port
            + " 127.0.0.1\n"
            + "allow_anonymous true\n"
            // started as root (CI), mosquitto would drop to its own user and could not write
            // its persistence file into the test's directory; ignored for other users
            + "user "
            + System.getProperty("user.name")
            + "\n"
            + "persistence true\n"
            + "persistence_location "
            + dir
            + "/\n"
            + "log_dest file "
            + dir.resolve("mosquitto.log")
            + "\n");
    process =
        new ProcessBuilder(BINARY.toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.out").toFile()))
            .start();
    await().atMost(PATIENT).until(this::accepts);
  }

  /** Stops the broker (SIGTERM: it saves its persistence file) and waits for it to exit. */
  public void stop() throws Exception {
    if (process != null) {
      process.destroy();
      process.waitFor(PATIENT.toSeconds(), TimeUnit.SECONDS);
      process = null;
    }
  }

  private boolean accepts() {
    if (process == null || !process.isAlive()) {
      throw new IllegalStateException("mosquitto exited; see " + dir.resolve("mosquitto.log"));
    }
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws Exception {
    stop();
  }
}
