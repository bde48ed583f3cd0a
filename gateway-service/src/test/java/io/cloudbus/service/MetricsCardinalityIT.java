package io.cloudbus.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.service.impl.MeterBounds;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Requests with made-up methods and paths must not grow {@code /metrics}: Vert.x's HTTP meters
 * carry the method normalized to the nine standard ones or {@code OTHER}, whatever clients send,
 * with or without tokens (requests answered 401 are metered as well).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MetricsCardinalityIT {

  private static final int CONNECTIONS = 4;
  private static final int PIPELINED = 200;

  /** Far below the 17 MB that 20,000 made-up methods produced, well above the ~40 KB baseline. */
  private static final int MAX_METRICS_BYTES = 256 * 1024;

  private static final Pattern METHOD_LABEL = Pattern.compile("method=\"([^\"]*)\"");
  private static final byte[] STATUS_LINE = "HTTP/1.1 ".getBytes(StandardCharsets.US_ASCII);

  private Vertx vertx;
  private GatewayService service;

  @AfterEach
  void stop() {
    if (service != null) {
      service.close().await();
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }

  private void start(ServiceOptions.Builder options) {
    vertx = ServiceVertx.create();
    service = GatewayService.start(vertx, options.build()).await();
  }

  @Test
  void randomMethodsAndPathsKeepMetricsSmall() throws Exception {
    start(TestEvents.options());
    String before = Http.get(service.httpPort(), "/metrics").body();
    // WHEN 80,000 requests with random methods and paths arrive on pipelined connections
    flood(80_000, null);
    // THEN the metrics stay small and the method label has a handful of values
    assertBounded(Http.get(service.httpPort(), "/metrics").body(), before);
  }

  @Test
  void unauthorizedRandomRequestsKeepMetricsSmall() throws Exception {
    start(TestEvents.options().addToken("secret-token-1", Role.READ));
    // WHEN 20,000 random requests are all answered 401
    String statuses = flood(20_000, null);
    assertThat(statuses).contains("401");
    // THEN the same holds
    String metrics = Http.get(service.httpPort(), "/metrics", "secret-token-1").body();
    assertBounded(metrics, null);
    assertThat(metrics).contains("code=\"401\"");
  }

  private static void assertBounded(String metrics, String before) {
    assertThat(metrics.length()).isLessThan(MAX_METRICS_BYTES);
    Set<String> methods = new TreeSet<>();
    Matcher m = METHOD_LABEL.matcher(metrics);
    while (m.find()) {
      methods.add(m.group(1));
    }
    Set<String> allowed = new TreeSet<>(MeterBounds.METHODS);
    allowed.add(MeterBounds.OTHER_METHOD);
    assertThat(methods).isNotEmpty().isSubsetOf(allowed).contains(MeterBounds.OTHER_METHOD);
    if (before != null) {
      // the flood added a few series (OTHER, its status codes), not one per request
      assertThat(metrics.length()).isLessThan(before.length() + 64 * 1024);
    }
  }

  /**
   * Sends {@code total} requests over {@link #CONNECTIONS} connections in pipelined batches, each
   * batch read back completely before the next; returns the distinct status codes seen.
   */
  private String flood(int total, String bearer) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
    try {
      List<Future<String>> done = new ArrayList<>();
      for (int c = 0; c < CONNECTIONS; c++) {
        done.add(pool.submit(() -> floodOne(total / CONNECTIONS, bearer)));
      }
      Set<String> statuses = new TreeSet<>();
      for (Future<String> f : done) {
        statuses.add(f.get(240, TimeUnit.SECONDS));
      }
      assertThat(Http.get(service.httpPort(), "/health").statusCode()).isEqualTo(200);
      return String.join(",", statuses);
    } finally {
      pool.shutdownNow();
    }
  }

  private String floodOne(int requests, String bearer) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    Set<String> statuses = new TreeSet<>();
    try (RawClient raw = new RawClient(service.httpPort())) {
      for (int sent = 0; sent < requests; sent += PIPELINED) {
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < PIPELINED; i++) {
          batch
              .append(token(random, 3, 10))
              .append(" /")
              .append(token(random, 1, 12).toLowerCase())
              .append('/')
              .append(random.nextInt(1_000_000))
              .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
          if (bearer != null) {
            batch.append("Authorization: Bearer ").append(bearer).append("\r\n");
          }
          batch.append("\r\n");
        }
        raw.write(batch.toString());
        statuses.add(readResponses(raw, PIPELINED));
      }
    }
    return String.join(",", statuses);
  }

  private static String token(ThreadLocalRandom random, int min, int max) {
    char[] c = new char[random.nextInt(min, max + 1)];
    for (int i = 0; i < c.length; i++) {
      c[i] = (char) ('A' + random.nextInt(26));
    }
    return new String(c);
  }

  /** Reads until {@code count} status lines have arrived; returns the first one's status code. */
  private static String readResponses(RawClient raw, int count) {
    byte[] buf = new byte[64 * 1024];
    int seen = 0;
    int matched = 0;
    StringBuilder first = new StringBuilder();
    while (seen < count) {
      int n = raw.read(buf);
      assertThat(n).as("the server closed the connection after %d responses", seen).isPositive();
      for (int i = 0; i < n; i++) {
        if (seen == 1 && first.length() < 3) {
          first.append((char) buf[i]);
        }
        matched = buf[i] == STATUS_LINE[matched] ? matched + 1 : (buf[i] == STATUS_LINE[0] ? 1 : 0);
        if (matched == STATUS_LINE.length) {
          seen++;
          matched = 0;
        }
      }
    }
    return first.toString();
  }
}
