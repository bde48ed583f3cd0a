package io.cloudbus.cli;

import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudOptions;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cloudbus mock-cloud}: the mock of every vendor cloud, alone, until Ctrl-C. */
@Command(
    name = "mock-cloud",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Run the mock cloud alone (every vendor's REST/OAuth endpoints, push sockets and the admin"
          + " API).",
      "Prints one JSON line with the admin URL and every vendor's endpoints, then serves until"
          + " Ctrl-C."
    })
final class MockCloudCommand implements Callable<Integer> {

  static final int DEFAULT_PORT = 9000;

  /** Fixed by default so that a config file (examples/gateway.yaml) can name the REST URLs. */
  static final int DEFAULT_REST_PORT = 9001;

  private final Terminal terminal;

  @Option(
      names = "--port",
      paramLabel = "P",
      defaultValue = "" + DEFAULT_PORT,
      description =
          "Port of the admin API and push sockets (default: ${DEFAULT-VALUE}; a free port when"
              + " taken; 0 = any).")
  int port;

  @Option(
      names = "--rest-port",
      paramLabel = "R",
      defaultValue = "" + DEFAULT_REST_PORT,
      description =
          "Port of the vendors' REST/OAuth endpoints (default: ${DEFAULT-VALUE}; a free port when"
              + " taken; 0 = any).")
  int restPort;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      defaultValue = MockCloudOptions.DEFAULT_HOST,
      description = "Bind address and host of every URL (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--tls",
      description =
          "Serve every endpoint on HTTPS/WSS with a self-signed certificate made at start; its PEM"
              + " file and SHA-256 fingerprint are printed (in the JSON line under \"tls\").")
  boolean tls;

  @Option(
      names = "--tls-dir",
      paramLabel = "DIR",
      description = "Where --tls writes the certificate (default: a new temporary directory).")
  String tlsDir;

  private int free(int preferred, String option) {
    int actual = Ports.preferredOrFree(preferred);
    if (actual != preferred) {
      terminal
          .err()
          .println("mock-cloud: " + option + " " + preferred + " is taken; using a free port");
    }
    return actual;
  }

  MockCloudCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    terminal.beginLongRunning();
    Options.port(port, "--port");
    Options.port(restPort, "--rest-port");
    Vertx vertx = Vertx.vertx();
    try {
      MockCloud mock =
          Blocking.await(
              MockCloud.start(
                  vertx,
                  new MockCloudOptions()
                      .host(host)
                      .port(free(port, "--port"))
                      .restPort(free(restPort, "--rest-port"))
                      .tls(tls)
                      .tlsDir(tlsDir)),
              Blocking.START_TIMEOUT_S,
              "cannot start the mock cloud");
      terminal.out().println(mock.describe().encode());
      terminal.out().flush();
      if (mock.tls() != null) {
        terminal
            .err()
            .println(
                "mock-cloud: TLS certificate "
                    + mock.tls().caFile().toAbsolutePath()
                    + " (SHA-256 "
                    + mock.tls().sha256Fingerprint()
                    + ")");
      }
      terminal.err().println("mock-cloud: running (Ctrl-C to stop)");
      terminal.awaitStop();
      Blocking.await(mock.close(), Blocking.CLOSE_TIMEOUT_S, "closing the mock cloud");
      return ExitCodes.OK;
    } finally {
      Blocking.close(vertx);
      terminal.markStopped();
    }
  }
}
