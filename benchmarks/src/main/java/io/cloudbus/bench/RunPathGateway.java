package io.cloudbus.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One {@code cloudbus run --config FILE} child process, exactly as a user starts it (the CLI's main
 * class, a JSON configuration file with one account, the service on free loopback ports, metrics,
 * the journal on or off): the {@code run-path} scenario's gateway. The driver reads the URLs the
 * command prints, its process CPU time ({@link ProcessHandle.Info#totalCpuDuration}, i.e. utime +
 * stime of {@code /proc/PID/stat}) and the events it published ({@code cloudbus_events_in_total} of
 * {@code /metrics}). Threading: blocking, driver thread only.
 */
final class RunPathGateway implements AutoCloseable {

  static final String CLI_MAIN = "io.cloudbus.cli.CloudbusCli";

  /** Up to this long for a clean exit: a first run writes its class data archive then. */
  private static final long EXIT_WAIT_MS = 180_000;

  private final Process process;
  private final Map<String, String> urls = new ConcurrentHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final long startNanos = System.nanoTime();

  /**
   * Writes the configuration into {@code dir} and starts the child; returns once it printed its
   * URLs.
   *
   * @param account the one account of the configuration (the run config's {@code accounts} item)
   * @param journal whether the journal is on (under {@code dir/journal})
   * @param jfr a JFR recording file for the child, or null
   * @throws IllegalStateException when it does not start within {@code timeoutMs}
   */
  RunPathGateway(
      ChildLauncher launcher,
      Path dir,
      JsonObject account,
      boolean journal,
      Path jfr,
      long timeoutMs) {
    Path config = dir.resolve("run.json");
    JsonObject json =
        new JsonObject()
            .put(
                "service",
                new JsonObject().put("host", "127.0.0.1").put("httpPort", 0).put("tcpPort", 0))
            .put(
                "journal",
                new JsonObject()
                    .put("enabled", journal)
                    .put("path", dir.resolve("journal").toString()))
            .put("accounts", new JsonArray().add(account));
    List<String> cmd = new ArrayList<>();
    cmd.add(launcher.java());
    cmd.addAll(launcher.jvmOptions());
    if (jfr != null) {
      cmd.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
    }
    cmd.add("-cp");
    cmd.add(launcher.classPath());
    cmd.add(CLI_MAIN);
    cmd.add("run");
    cmd.add("--config");
    cmd.add(config.toString());
    ProcessBuilder builder =
        new ProcessBuilder(cmd)
            .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("stderr.log").toFile()));
    builder.environment().putIfAbsent("CLOUDBUS_LOG_LEVEL", "WARN");
    try {
      Files.writeString(config, json.encodePrettily());
      this.process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start cloudbus run: " + e.getMessage(), e);
    }
    Thread reader = new Thread(this::readUrls, "bench-run-path-stdout");
    reader.setDaemon(true);
    reader.start();
    if (!Waits.until(() -> urls.containsKey("metrics") || !process.isAlive(), timeoutMs, 5_000)) {
      close();
      throw new IllegalStateException("cloudbus run printed no URLs within " + timeoutMs + " ms");
    }
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "cloudbus run exited with " + process.exitValue() + "; see " + dir.resolve("stderr.log"));
    }
  }

  /** The banner lines ({@code metrics http://...}), keyed by their label. */
  private void readUrls() {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length >= 2 && parts[parts.length - 1].contains("://")) {
          String label = String.join(" ", List.of(parts).subList(0, parts.length - 1));
          urls.putIfAbsent(label, parts[parts.length - 1]);
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  /** The port of the service's HTTP server (from the {@code metrics} URL). */
  int httpPort() {
    return URI.create(urls.get("metrics")).getPort();
  }

  long pid() {
    return process.pid();
  }

  /** CPU time of the child process so far (ns). */
  long cpuNanos() {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
  }

  /**
   * CPU time of the child's JIT compiler threads so far (ns; Linux: their {@code
   * /proc/PID/task/TID/stat}), or -1 where that cannot be read.
   */
  long jitNanos() {
    return JitCpu.nanos(process.pid());
  }

  /** Wall time since the child was started (ns). */
  long ageNanos() {
    return System.nanoTime() - startNanos;
  }

  /**
   * The events the gateway published so far: the sum of every {@code cloudbus_events_in_total}
   * series of {@code /metrics}.
   */
  long eventsIn() {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(urls.get("metrics")))
            .timeout(Duration.ofSeconds(30))
            .build();
    String body;
    try {
      body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new IllegalStateException("GET /metrics failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    return sumCounter(body, "cloudbus_events_in_total");
  }

  /** The sum of every series of counter {@code name} in a Prometheus text body. */
  static long sumCounter(String body, String name) {
    double sum = 0;
    for (String line : body.split("\n")) {
      if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return (long) sum;
  }

  /** Stops the child (SIGTERM, the way Ctrl-C stops {@code run}), then kills it. Never throws. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(EXIT_WAIT_MS, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(EXIT_WAIT_MS, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
