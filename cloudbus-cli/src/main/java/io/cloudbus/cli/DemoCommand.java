package io.cloudbus.cli;

import io.cloudbus.core.AdapterProvider;
import io.cloudbus.core.TokenStore;
import io.cloudbus.core.journal.JournalOptions;
import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudOptions;
import io.cloudbus.mqtt.MqttOutput;
import io.cloudbus.mqtt.MqttOutputOptions;
import io.cloudbus.service.ApiToken;
import io.cloudbus.service.BindAddress;
import io.cloudbus.service.Role;
import io.cloudbus.service.ServiceOptions;
import io.cloudbus.service.ServiceVertx;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cloudbus demo}: the embedded mock cloud, one account per vendor and profile against it,
 * scripted traffic, and the bridge service. Prints the URLs first, then one line per event.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Run the bridge service against the embedded mock cloud: no vendor account needed.",
      "One account per vendor (simplisafe, bticino) and generic profile (home-assistant, pylight),"
          + " scripted demo traffic, every URL on the first lines, then one line per event.",
      "Each port falls back to a free port when taken. Stop with Ctrl-C."
    })
final class DemoCommand implements Callable<Integer> {

  static final long TRAFFIC_START_MAX_MS = 15_000;

  /** The name of the demo's command token: the {@code sender} of its commands' audit events. */
  static final String DEMO_TOKEN_NAME = "demo";

  /** The banner line after the URLs. */
  static final String COMMANDS_LINE =
      "commands    enabled for this user: cloudbus command simplisafe/demo arm_away";

  private final Terminal terminal;

  @Mixin Verbosity verbosity;

  @Option(
      names = "--port",
      paramLabel = "P",
      defaultValue = "8080",
      description = "HTTP port of the service (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--tcp-port",
      paramLabel = "T",
      defaultValue = "7000",
      description = "TCP event bus bridge port (default: ${DEFAULT-VALUE}).")
  int tcpPort;

  @Option(
      names = "--mock-port",
      paramLabel = "M",
      defaultValue = "9000",
      description =
          "Port of the mock cloud's admin API and push sockets (default: ${DEFAULT-VALUE}).")
  int mockPort;

  @Option(
      names = "--mock-tls",
      description =
          "Serve the mock cloud on HTTPS/WSS with a self-signed certificate; the demo accounts"
              + " trust it through socket.tls.caFile.")
  boolean mockTls;

  @Option(
      names = "--rate",
      paramLabel = "EVENTS_PER_SEC",
      defaultValue = "1",
      description =
          "Scripted demo traffic, admin calls per second (default: ${DEFAULT-VALUE}; 0 = none).")
  double rate;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      defaultValue = "127.0.0.1",
      description =
          "Bind address of the service, a loopback address only (default: ${DEFAULT-VALUE}; also"
              + " localhost or ::1): reads need no token in the demo.")
  String host;

  @Option(
      names = "--mqtt",
      paramLabel = "URL",
      description =
          "Also publish to this MQTT broker (mqtt://host:port or mqtts://), with Home Assistant"
              + " discovery on (docs/mqtt.md).")
  String mqttUrl;

  DemoCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    terminal.beginLongRunning();
    Options.port(port, "--port");
    Options.port(tcpPort, "--tcp-port");
    Options.port(mockPort, "--mock-port");
    if (!BindAddress.isLoopback(host)) {
      throw new Options.UsageError(
          "--host must be a loopback address (127.0.0.1, localhost or ::1): reads need no token"
              + " in the demo; serve the network with run and service.tokens (docs/security.md)");
    }
    if (rate < 0 || Double.isNaN(rate) || rate > 1_000) {
      throw new Options.UsageError("--rate must be between 0 and 1000");
    }
    MqttOutputOptions mqttOptions = null;
    if (mqttUrl != null) {
      try {
        mqttOptions = MqttOutputOptions.of(mqttUrl).with("homeAssistantDiscovery", true);
      } catch (IllegalArgumentException e) {
        throw new Options.UsageError("--mqtt: " + e.getMessage());
      }
    }
    // reads stay open; commands need this token, which only this user can read (DemoStateFile)
    String commandToken = DemoStateFile.newToken();
    DemoStateFile stateFile = DemoStateFile.locate(terminal::env);
    Vertx vertx = ServiceVertx.create();
    MqttOutput mqtt = null;
    GatewayRuntime runtime = null;
    DemoTraffic traffic = null;
    try {
      MockCloud mock =
          Blocking.await(
              MockCloud.start(
                  vertx, new MockCloudOptions().port(free(mockPort, "--mock-port")).tls(mockTls)),
              Blocking.START_TIMEOUT_S,
              "cannot start the mock cloud");
      ServiceOptions options =
          ServiceOptions.builder()
              .host(host)
              .httpPort(free(port, "--port"))
              .tcpPort(free(tcpPort, "--tcp-port"))
              .tokens(
                  java.util.List.of(
                      ApiToken.ofPlain(DEMO_TOKEN_NAME, commandToken, Set.of(Role.COMMAND))))
              .openReads(true)
              // a fresh journal each run: the demo's events are not real and start from nothing
              .journal(JournalOptions.defaults().withPath(demoJournal().toString()))
              .build();
      EventPrinter printer = new EventPrinter(vertx, terminal.out(), true);
      Map<String, AdapterProvider> providers = AdapterProvider.installed();
      // Before the accounts, so that their first status changes are published too.
      mqtt = mqttOptions == null ? null : Mqtt.start(vertx, mqttOptions);
      runtime =
          Blocking.await(
              GatewayRuntime.start(
                  vertx,
                  options,
                  DemoAccounts.of(mock, providers.values()),
                  TokenStore.inMemory(),
                  providers),
              Blocking.START_TIMEOUT_S,
              "cannot start the service");
      Map<String, String> urls = new LinkedHashMap<>(runtime.service().urls());
      urls.put("mock", mock.adminUrl());
      if (mock.tls() != null) {
        terminal
            .err()
            .println(
                "demo: mock TLS certificate "
                    + mock.tls().caFile().toAbsolutePath()
                    + " (SHA-256 "
                    + mock.tls().sha256Fingerprint()
                    + ")");
      }
      if (mqttOptions != null) {
        urls.put("mqtt", mqttOptions.url());
      }
      String commands = commandsLine(stateFile, runtime, commandToken);
      synchronized (terminal.out()) {
        UrlBanner.print(terminal.out(), urls);
        if (commands != null) {
          terminal.out().println(commands);
        }
        terminal.out().println();
        terminal.out().println("events (Ctrl-C to stop):");
        terminal.out().flush();
      }
      printer.release();
      traffic = new DemoTraffic(vertx, mock.adminUrl(), mock.tls());
      startTrafficWhenConnected(vertx, runtime, traffic);
      terminal.awaitStop();
      traffic.stop();
      printer.close();
      Mqtt.close(mqtt);
      Blocking.await(runtime.close(), Blocking.CLOSE_TIMEOUT_S, "closing the service");
      Blocking.await(mock.close(), Blocking.CLOSE_TIMEOUT_S, "closing the mock cloud");
      return ExitCodes.OK;
    } finally {
      stateFile.removeIfOwn(commandToken);
      Blocking.close(vertx);
      terminal.markStopped();
    }
  }

  /**
   * Writes the state file and returns the banner line saying how to send commands, or null (on
   * stderr why) when the file cannot be written.
   */
  private String commandsLine(DemoStateFile stateFile, GatewayRuntime runtime, String token) {
    String base = runtime.service().urls().get("dashboard");
    base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    try {
      stateFile.write(base, token);
    } catch (IOException | RuntimeException e) {
      terminal
          .err()
          .println(
              "demo: commands are off: cannot write "
                  + stateFile.path()
                  + " ("
                  + e.getClass().getSimpleName()
                  + ")");
      return null;
    }
    return COMMANDS_LINE;
  }

  /**
   * Starts the traffic once every account is connected (or after {@value #TRAFFIC_START_MAX_MS} ms
   * at the latest), so that the first scripted events reach live sockets.
   */
  private void startTrafficWhenConnected(Vertx vertx, GatewayRuntime runtime, DemoTraffic traffic) {
    long deadline = System.currentTimeMillis() + TRAFFIC_START_MAX_MS;
    vertx.setPeriodic(
        100,
        id -> {
          if (runtime.allConnected() || System.currentTimeMillis() > deadline) {
            vertx.cancelTimer(id);
            traffic.start(rate);
          }
        });
  }

  private int free(int preferred, String option) {
    int actual = Ports.preferredOrFree(preferred);
    if (actual != preferred) {
      terminal.err().println("demo: " + option + " " + preferred + " is taken; using a free port");
    }
    return actual;
  }

  /** A fresh temporary journal directory, deleted when the JVM exits. */
  private static Path demoJournal() throws IOException {
    Path dir = Files.createTempDirectory("cloudbus-demo-journal-");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try (var files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                  } catch (IOException | RuntimeException ignored) {
                    // a temporary directory; the OS cleans it up eventually
                  }
                }));
    return dir;
  }
}
