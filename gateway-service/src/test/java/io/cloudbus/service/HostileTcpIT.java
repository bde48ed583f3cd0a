package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile TCP bridge clients (issue #14): each attack is bounded in bytes and connections and stops
 * by itself; each test asserts that the service stays up, that a witness client keeps receiving
 * what is published on {@code cloudbus.events}, and that what the gateway holds for the attacker
 * stays bounded (heap after GC, the attacker is cut, the meters).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HostileTcpIT {

  private static final String TOKEN = "reader-secret";
  private static final long HEAP_GROWTH_BOUND = 64L << 20;
  private static final long PING_TIMEOUT_MS = 5_000;

  private Vertx vertx;
  private GatewayService service;
  private TcpTestClient witness;
  private long keepAlive = -1;
  private int published;
  private final List<Socket> attackers = new ArrayList<>();

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
  }

  @AfterEach
  void tearDown() throws IOException {
    vertx.cancelTimer(keepAlive);
    for (Socket s : attackers) {
      s.close();
    }
    if (witness != null) {
      witness.close();
    }
    if (service != null) {
      service.close().await();
    }
  }

  /** Starts the service and an authenticated witness registered on {@code cloudbus.events}. */
  private void start(boolean tokens, int maxClients, JsonObject limits) {
    ServiceOptions.Builder options =
        TestEvents.options()
            .maxClients(maxClients)
            .bridgePingTimeoutMs(PING_TIMEOUT_MS)
            .limits(ServiceLimits.fromJson(limits));
    if (tokens) {
      options.addToken(TOKEN, Role.READ);
    }
    service = GatewayService.start(vertx, options.build()).await();
    witness = validClient();
    // the witness pings like a real client, from a worker: its socket writes block
    JsonObject ping = new JsonObject().put("type", "ping");
    keepAlive =
        vertx.setPeriodic(
            1_000,
            t ->
                vertx.executeBlocking(
                    () -> {
                      witness.send(ping);
                      return null;
                    }));
  }

  private TcpTestClient validClient() {
    TcpTestClient c = new TcpTestClient(service.tcpPort());
    c.send(
        new JsonObject().put("type", "ping").put("headers", new JsonObject().put("token", TOKEN)),
        new JsonObject().put("type", "register").put("address", "cloudbus.events"));
    c.awaitFrame(f -> "pong".equals(f.getString("type")));
    return c;
  }

  /** Publishes one event and waits until the witness has every event published so far. */
  private void witnessReceives() {
    TestEvents.publish(vertx, "simplisafe", "home", "alarm.triggered");
    published++;
    await().atMost(PATIENT).until(() -> witness.count("message") == published);
    assertThat(witness.closed).isFalse();
  }

  private Socket attacker() throws IOException {
    Socket s = new Socket();
    s.setReceiveBufferSize(4096);
    s.setSoTimeout(60_000); // a bound for the final drain only; the attacker itself never reads
    s.connect(new InetSocketAddress("127.0.0.1", service.tcpPort()), (int) PATIENT.toMillis());
    attackers.add(s);
    return s;
  }

  /**
   * Writes {@code chunk} up to {@code times} times, publishing an event every 100 writes; stops at
   * the first failed write (the gateway cut the connection). Returns the writes that succeeded.
   */
  private int flood(Socket s, byte[] chunk, int times) {
    int written = 0;
    try {
      OutputStream out = s.getOutputStream();
      for (; written < times; written++) {
        out.write(chunk);
        if (written % 100 == 0) {
          TestEvents.publish(vertx, "simplisafe", "home", "alarm.triggered");
          published++;
        }
      }
    } catch (IOException cut) {
      // the gateway closed or aborted the connection: the attack is over
    }
    return written;
  }

  /** Reads what the gateway queued for the attacker until it closes the connection. */
  private static List<JsonObject> drainUntilClosed(Socket s) {
    List<JsonObject> frames = new ArrayList<>();
    try {
      DataInputStream in = new DataInputStream(s.getInputStream());
      while (true) {
        int length = in.readInt();
        assertThat(length).as("an answer to the attacker").isLessThan(1024);
        byte[] payload = new byte[length];
        in.readFully(payload);
        frames.add(new JsonObject(new String(payload, StandardCharsets.UTF_8)));
      }
    } catch (IOException closed) {
      // EOF, or a reset when the gateway aborted with data still unread
    }
    return frames;
  }

  private static long heapUsedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  private double metric(String series) {
    String metrics = Http.get(service.httpPort(), "/metrics", TOKEN).body();
    return metrics
        .lines()
        .filter(l -> l.startsWith(series + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
        .findFirst()
        .orElse(0);
  }

  private void assertUp() {
    assertThat(Http.get(service.httpPort(), "/health").statusCode()).isEqualTo(200);
  }

  private static byte[] frame(JsonObject json) {
    return TcpTestClient.frame(json);
  }

  @Test
  void neverReadingClientFloodingLongRegistrationsIsBounded() throws IOException {
    // GIVEN no tokens (a connection is a client at once) and an attacker that never reads
    start(false, 100, new JsonObject());
    witnessReceives();
    long heapBefore = heapUsedAfterGc();
    Socket s = attacker();
    // WHEN it sends up to 3,000 registrations with a 60 KB address (180 MB)
    byte[] register =
        frame(
            new JsonObject()
                .put("type", "register")
                .put("address", "cloudbus.events." + "a".repeat(60_000)));
    int written = flood(s, register, 3_000);
    // THEN what the gateway holds for it stays bounded, and the others are served
    long growth = heapUsedAfterGc() - heapBefore;
    assertThat(growth).as("heap growth after %d frames", written).isLessThan(HEAP_GROWTH_BOUND);
    witnessReceives();
    assertUp();
    // and the attacker is disconnected (cut as slow, or closed once silent), having been sent
    // only small refusals: the 60 KB address is never echoed
    List<JsonObject> answers = drainUntilClosed(s);
    assertThat(answers)
        .allSatisfy(f -> assertThat(f.getString("message")).isEqualTo("address_too_long"));
    await().atMost(PATIENT).until(() -> metric("cloudbus_clients{transport=\"tcp\"}") == 1.0);
    witnessReceives();
  }

  @Test
  void neverReadingClientFloodingPingsIsPausedAndCut() throws IOException {
    // GIVEN no tokens and an attacker that never reads: every ping it sends is answered
    start(false, 100, new JsonObject());
    witnessReceives();
    long heapBefore = heapUsedAfterGc();
    Socket s = attacker();
    // WHEN it floods pings, 64 KB per write, up to 64 MB
    int written = flood(s, pings(), 1_024);
    // THEN its answers backed up, the gateway stopped reading from it and then cut it as slow
    assertThat(written).isLessThan(1_024);
    long growth = heapUsedAfterGc() - heapBefore;
    assertThat(growth).as("heap growth after %d writes", written).isLessThan(HEAP_GROWTH_BOUND);
    assertThat(metric("cloudbus_slow_clients_dropped_total{transport=\"tcp\"}")).isEqualTo(1.0);
    await().atMost(PATIENT).until(() -> metric("cloudbus_clients{transport=\"tcp\"}") == 1.0);
    witnessReceives();
    assertUp();
  }

  /** 64 KB of ping frames, for one write. */
  private static byte[] pings() {
    byte[] ping = frame(new JsonObject().put("type", "ping"));
    ByteBuffer chunk = ByteBuffer.allocate(64 * 1024 / ping.length * ping.length);
    while (chunk.hasRemaining()) {
      chunk.put(ping);
    }
    return chunk.array();
  }

  @Test
  void neverAuthenticatingClientFloodingPingsIsCut() throws IOException {
    // GIVEN tokens and an attacker that never authenticates and never reads
    start(true, 100, new JsonObject().put("authTimeoutMs", 1_000));
    witnessReceives();
    long heapBefore = heapUsedAfterGc();
    Socket s = attacker();
    // WHEN it floods pings, 64 KB per write, up to 64 MB
    int written = flood(s, pings(), 1_024);
    // THEN it was cut long before the end of its budget, answered with unauthorized only
    assertThat(written).isLessThan(1_024);
    long growth = heapUsedAfterGc() - heapBefore;
    assertThat(growth).as("heap growth after %d writes", written).isLessThan(HEAP_GROWTH_BOUND);
    assertThat(drainUntilClosed(s))
        .hasSizeLessThanOrEqualTo(3)
        .allSatisfy(f -> assertThat(f.getString("message")).isEqualTo("unauthorized"));
    assertThat(metric("cloudbus_clients_rejected_total{reason=\"unauthorized\",transport=\"tcp\"}"))
        .isEqualTo(1.0);
    assertThat(metric("cloudbus_clients_pending{transport=\"tcp\"}")).isZero();
    witnessReceives();
    assertUp();
  }

  @Test
  void tokenlessConnectionsCannotLockOutAValidClient() {
    // GIVEN tokens, 5 client places, 10 pending places and a 1 s auth deadline
    start(true, 5, new JsonObject().put("maxPendingClients", 10).put("authTimeoutMs", 1_000));
    witnessReceives();
    // WHEN 50 connections only ping
    List<TcpTestClient> pingers = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        TcpTestClient p = new TcpTestClient(service.tcpPort());
        pingers.add(p);
        try {
          p.send(new JsonObject().put("type", "ping"));
        } catch (UncheckedIOException refusedAndClosedAlready) {
          // its err too_many_pending has arrived and the connection is gone: asserted below
        }
      }
      await().atMost(PATIENT).until(() -> pingers.stream().allMatch(p -> !p.frames.isEmpty()));
      // THEN they take no client place and stay under the pending cap
      assertThat(metric("cloudbus_clients{transport=\"tcp\"}")).isEqualTo(1.0);
      assertThat(metric("cloudbus_clients_pending{transport=\"tcp\"}")).isLessThanOrEqualTo(10);
      // and each is closed (refused at once, or at its auth deadline) having got only errors
      await().atMost(PATIENT).until(() -> pingers.stream().allMatch(p -> p.closed.get()));
      for (TcpTestClient p : pingers) {
        assertThat(p.count("err")).isEqualTo(p.frames.size());
        assertThat(p.errors()).isNotEmpty().isSubsetOf("unauthorized", "too_many_pending");
      }
      await()
          .atMost(PATIENT)
          .until(() -> metric("cloudbus_clients_pending{transport=\"tcp\"}") == 0.0);
      double refusedAtOnce =
          metric("cloudbus_clients_rejected_total{reason=\"too_many_pending\",transport=\"tcp\"}");
      double timedOut =
          metric("cloudbus_clients_rejected_total{reason=\"auth_timeout\",transport=\"tcp\"}");
      assertThat(refusedAtOnce + timedOut).isEqualTo(50.0);
    } finally {
      pingers.forEach(TcpTestClient::close);
    }
    // AND valid clients fill the client places and receive; one more is refused at its auth
    List<TcpTestClient> valid = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        valid.add(validClient());
      }
      witnessReceives();
      await().atMost(PATIENT).until(() -> valid.stream().allMatch(v -> v.count("message") == 1));
      try (TcpTestClient extra = new TcpTestClient(service.tcpPort())) {
        extra.send(
            new JsonObject()
                .put("type", "ping")
                .put("headers", new JsonObject().put("token", TOKEN)));
        await().atMost(PATIENT).untilTrue(extra.closed);
        assertThat(extra.errors()).containsExactly("too_many_clients");
      }
    } finally {
      valid.forEach(TcpTestClient::close);
    }
    witnessReceives();
    assertUp();
  }

  @Test
  void pendingConnectionsOverTheCapAreRefused() {
    // GIVEN 3 pending places and a deadline far away
    start(true, 100, new JsonObject().put("maxPendingClients", 3).put("authTimeoutMs", 60_000));
    List<TcpTestClient> pending = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        TcpTestClient p = new TcpTestClient(service.tcpPort());
        pending.add(p);
        p.send(new JsonObject().put("type", "ping"));
        p.awaitFrame(f -> "err".equals(f.getString("type")));
      }
      // WHEN one more connects
      try (TcpTestClient over = new TcpTestClient(service.tcpPort())) {
        // THEN it is refused and closed, while the three stay pending
        await().atMost(PATIENT).untilTrue(over.closed);
        assertThat(over.errors()).containsExactly("too_many_pending");
      }
      assertThat(metric("cloudbus_clients_pending{transport=\"tcp\"}")).isEqualTo(3.0);
      assertThat(pending).allSatisfy(p -> assertThat(p.closed).isFalse());
      // WHEN one of them authenticates, its place is free for the next
      pending
          .get(0)
          .send(
              new JsonObject()
                  .put("type", "ping")
                  .put("headers", new JsonObject().put("token", TOKEN)));
      pending.get(0).awaitFrame(f -> "pong".equals(f.getString("type")));
      assertThat(metric("cloudbus_clients_pending{transport=\"tcp\"}")).isEqualTo(2.0);
      assertThat(metric("cloudbus_clients{transport=\"tcp\"}")).isEqualTo(2.0);
      witnessReceives();
    } finally {
      pending.forEach(TcpTestClient::close);
    }
  }
}
