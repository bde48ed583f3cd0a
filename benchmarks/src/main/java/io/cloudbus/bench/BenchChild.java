package io.cloudbus.bench;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A child process of {@code cloudbus bench} (not a user command: the driver starts it with its own
 * java binary and class path, see {@link ChildLauncher}). Arguments: {@code mock TIMEOUT_MS} hosts
 * the mock cloud ({@link LocalMockSide}); {@code gateway PYLIGHT_URL TIMEOUT_MS} hosts the gateway
 * side ({@link LocalGatewaySide}); {@code raw SOCKET_URL TIMEOUT_MS} is one bare Vert.x WebSocket
 * client ({@link RawFleet}) on a mock socket that only counts frames (the run-path scenario's raw
 * column, {@link RunPathRaw}). It speaks {@link ChildProtocol} on stdin/stdout: a {@code ready}
 * event first, then one reply per request; the gateway child also sends a {@code counts} event
 * (delivered events, raw frames; the raw child its frames) every {@value #COUNTS_EVERY_MS} ms while
 * they change, so that the driver's flow control reads them without a round trip per poll.
 *
 * <p>Exits when stdin closes (the driver ended or died), after closing its side (bounded; halted
 * after {@value #EXIT_GRACE_MS} ms). Anything else written to {@code System.out} goes to stderr, so
 * stdout carries the protocol only.
 */
public final class BenchChild {

  static final long COUNTS_EVERY_MS = 5;
  static final long EXIT_GRACE_MS = 20_000;

  private final PrintWriter out;

  private BenchChild(PrintWriter out) {
    this.out = out;
  }

  /** Entry point of the child JVM. */
  public static void main(String[] args) throws IOException {
    PrintWriter out =
        new PrintWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8));
    System.setOut(System.err);
    quietLogs(System.getenv("CLOUDBUS_LOG_LEVEL"));
    BenchChild child = new BenchChild(out);
    int exit = 0;
    try {
      child.serve(args);
    } catch (RuntimeException | Error e) {
      // an Error too: Vert.x threads are not daemons, so the JVM would otherwise stay up
      System.err.println("bench child: " + e);
      exit = 1;
    }
    System.exit(exit);
  }

  /**
   * Sets the level of cloudbus's loggers to {@code level} (the driver passes {@code WARN} unless
   * the user set one): the jar's logback.xml reads it too, but a {@code logback-test.xml} on a test
   * class path would otherwise log every socket of the child at DEBUG.
   */
  private static void quietLogs(String level) {
    if (level != null
        && org.slf4j.LoggerFactory.getILoggerFactory()
            instanceof ch.qos.logback.classic.LoggerContext logback) {
      logback
          .getLogger("io.cloudbus")
          .setLevel(ch.qos.logback.classic.Level.toLevel(level, ch.qos.logback.classic.Level.WARN));
    }
  }

  private void serve(String[] args) throws IOException {
    if (args.length == 2 && "mock".equals(args[0])) {
      try (LocalMockSide mock = new LocalMockSide(Long.parseLong(args[1]), true)) {
        write(
            ChildProtocol.event(
                "ready",
                new JsonObject()
                    .put("pid", ProcessHandle.current().pid())
                    .put("adminUrl", mock.adminUrl())
                    .put("pylightUrl", mock.pylightUrl())));
        loop(request -> mockOp(mock, request));
      }
    } else if (args.length == 3 && "gateway".equals(args[0])) {
      try (LocalGatewaySide gateway =
          new LocalGatewaySide(args[1], Long.parseLong(args[2]), true)) {
        write(
            ChildProtocol.event(
                "ready", new JsonObject().put("pid", ProcessHandle.current().pid())));
        pumpCounts(gateway::counts);
        loop(request -> GatewayOps.handle(gateway, request));
      }
    } else if (args.length == 3 && "raw".equals(args[0])) {
      long timeoutMs = Long.parseLong(args[2]);
      io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
      try {
        RawFleet raw = new RawFleet(vertx, args[1], 1, () -> null);
        Waits.await(raw.connect(1), timeoutMs, "connecting the raw client");
        write(
            ChildProtocol.event(
                "ready", new JsonObject().put("pid", ProcessHandle.current().pid())));
        pumpCounts(() -> new JsonObject().put("frames", raw.frames()));
        loop(
            request -> {
              throw new IllegalArgumentException("unknown op " + request.getString("op"));
            });
      } finally {
        vertx.close();
      }
    } else {
      throw new IllegalArgumentException(
          "usage: BenchChild mock TIMEOUT_MS | gateway PYLIGHT_URL TIMEOUT_MS"
              + " | raw SOCKET_URL TIMEOUT_MS");
    }
  }

  private interface Handler {
    JsonObject handle(JsonObject request);
  }

  /** Serves requests until stdin closes. The caller's try-with-resources closes the side. */
  private void loop(Handler handler) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      long id = -1;
      try {
        JsonObject request = ChildProtocol.parseRequest(line);
        id = request.getLong("id");
        write(ChildProtocol.reply(id, handler.handle(request)));
      } catch (RuntimeException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        write(ChildProtocol.failure(id, message));
      }
    }
    // stdin closed: the driver is gone or done. Bound the close that follows.
    Thread halt =
        new Thread(
            () -> {
              LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(EXIT_GRACE_MS));
              Runtime.getRuntime().halt(3);
            },
            "bench-child-exit-guard");
    halt.setDaemon(true);
    halt.start();
  }

  private static JsonObject mockOp(LocalMockSide mock, JsonObject request) {
    return switch (request.getString("op")) {
      case "openSockets" -> new JsonObject().put("open", mock.openSockets());
      case "cpu" -> new JsonObject().put("cpuNanos", mock.cpuNanos());
      default -> throw new IllegalArgumentException("unknown op " + request.getString("op"));
    };
  }

  /** Sends {@code counts} events from a daemon thread while they change. */
  private void pumpCounts(java.util.function.Supplier<JsonObject> source) {
    Thread pump = new Thread(() -> pump(source), "bench-child-counts");
    pump.setDaemon(true);
    pump.start();
  }

  private void pump(java.util.function.Supplier<JsonObject> source) {
    JsonObject last = null;
    while (true) {
      JsonObject counts = source.get();
      if (!counts.equals(last)) {
        write(ChildProtocol.event("counts", counts));
        last = counts;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(COUNTS_EVERY_MS));
    }
  }

  private synchronized void write(String line) {
    out.println(line);
    out.flush();
  }
}
