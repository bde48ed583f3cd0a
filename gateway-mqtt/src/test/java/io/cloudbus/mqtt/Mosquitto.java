package io.cloudbus.mqtt;

import static io.cloudbus.mqtt.Patience.PATIENT;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's mosquitto broker, started by a test on a free loopback port with a config of its own
 * (persistence in the test's directory so that a restart keeps sessions): anonymous and plain by
 * default, or with a TLS listener ({@link #tls}) and/or a password file ({@link #user}).
 */
public final class Mosquitto implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/sbin/mosquitto");
  static final Path PASSWD = Path.of("/usr/bin/mosquitto_passwd");

  private final Path dir;
  private final int port;
  private MqttTestCertificate certificate;
  private String username;
  private String password;
  private Process process;

  private Mosquitto(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  public static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /** Whether {@code mosquitto_passwd} (Debian's mosquitto package) is there. */
  public static boolean passwdInstalled() {
    return Files.isExecutable(PASSWD);
  }

  /** Starts a broker on a free port, its files in {@code dir}. */
  public static Mosquitto start(Path dir) throws Exception {
    Mosquitto m = create(dir);
    m.restart();
    return m;
  }

  /** A broker on a free port, not started yet: configure it, then {@link #restart()}. */
  public static Mosquitto create(Path dir) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    return new Mosquitto(dir, port);
  }

  /** Serves MQTT over TLS only, with {@code certificate}. */
  public Mosquitto tls(MqttTestCertificate certificate) {
    this.certificate = certificate;
    return this;
  }

  /** Refuses anonymous clients; {@code username} / {@code password} in a mosquitto_passwd file. */
  public Mosquitto user(String username, String password) {
    this.username = username;
    this.password = password;
    return this;
  }

  public int port() {
    return port;
  }

  public String url() {
    return (certificate == null ? "mqtt" : "mqtts") + "://127.0.0.1:" + port;
  }

  /** (Re)starts the broker on the same port and waits until it accepts connections. */
  public void restart() throws Exception {
    Path conf = dir.resolve("mosquitto.conf");
    StringBuilder c = new StringBuilder();
    c.append("listener ").append(port).append(" 127.0.0.1\n");
    if (certificate != null) {
      c.append("certfile ").append(certificate.certFile()).append('\n');
      c.append("keyfile ").append(certificate.keyFile()).append('\n');
    }
    if (username == null) {
      c.append("allow_anonymous true\n");
    } else {
      Path passwd = dir.resolve("passwd");
      Files.deleteIfExists(passwd);
      run(List.of(PASSWD.toString(), "-c", "-b", passwd.toString(), username, password));
      c.append("allow_anonymous false\n").append("password_file ").append(passwd).append('\n');
    }
    // started as root (CI), mosquitto would drop to its own user and could not write its
    // persistence file into the test's directory; ignored for other users
    c.append("user ").append(System.getProperty("user.name")).append('\n');
    c.append("persistence true\n");
    c.append("persistence_location ").append(dir).append("/\n");
    c.append("log_dest file ").append(dir.resolve("mosquitto.log")).append('\n');
    Files.writeString(conf, c.toString());
    process =
        new ProcessBuilder(BINARY.toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.out").toFile()))
            .start();
    await().atMost(PATIENT).until(this::accepts);
  }

  /** The arguments {@code mosquitto_pub} / {@code mosquitto_sub} need to reach this broker. */
  public List<String> clientArgs() {
    List<String> args = new ArrayList<>(List.of("-h", "127.0.0.1", "-p", "" + port));
    if (certificate != null) {
      args.addAll(List.of("--cafile", certificate.certFile().toString()));
    }
    if (username != null) {
      args.addAll(List.of("-u", username, "-P", password));
    }
    return args;
  }

  /** Publishes with {@code mosquitto_pub} at QoS 1 and waits until it exits (it must succeed). */
  public void publish(String topic, String payload) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("mosquitto_pub"));
    cmd.addAll(clientArgs());
    cmd.addAll(List.of("-q", "1", "-t", topic, "-m", payload));
    run(cmd);
  }

  /** The broker's log so far (its file in the test's directory). */
  public String log() throws IOException {
    Path log = dir.resolve("mosquitto.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  private static void run(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    if (!p.waitFor(PATIENT.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(cmd.get(0) + " did not exit");
    }
    if (p.exitValue() != 0) {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      throw new IllegalStateException(cmd.get(0) + " exited " + p.exitValue() + ": " + out);
    }
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
