package io.cloudbus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.core.testing.TestSocket;
import io.cloudbus.core.testing.TestWsServer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link CloudSocket#publish(List)}: a tickle push starts a fetch that completes on another
 * context; its events go through dedup and publishing, in order, behind the pushes.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class AsyncPublishIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private Vertx vertx;
  private TestWsServer server;
  private final List<String> published = new CopyOnWriteArrayList<>();

  /** A socket for which {@code {"type":"tickle","ids":[...]}} means "fetch these events". */
  private static final class TickleSocket extends TestSocket {
    private final Context fetchContext;
    final List<Future<Void>> publications = new CopyOnWriteArrayList<>();

    TickleSocket(CloudSocketOptions options, int port, Context fetchContext) {
      super(options, (AuthHandler) null, port);
      this.fetchContext = fetchContext;
    }

    @Override
    protected List<CloudbusEvent> toEvents(JsonObject message) {
      if (!"tickle".equals(message.getString("type"))) {
        return super.toEvents(message);
      }
      List<String> ids = new ArrayList<>();
      message.getJsonArray("ids").forEach(id -> ids.add((String) id));
      fetch(ids).onComplete(ar -> publications.add(publish(ar.result())));
      return List.of();
    }

    Future<Void> publishLate(List<CloudbusEvent> events) {
      return publish(events);
    }

    /** A "REST fetch" whose answer arrives on another context, as a client's would. */
    private Future<List<CloudbusEvent>> fetch(List<String> ids) {
      Promise<List<CloudbusEvent>> answer = Promise.promise();
      fetchContext.runOnContext(
          v -> answer.complete(ids.stream().map(id -> event(id, "fetched", null)).toList()));
      return answer.future();
    }
  }

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    server = CloudSocketIT.get(new TestWsServer(vertx).start());
    vertx
        .eventBus()
        .<JsonObject>consumer(
            CloudbusAddresses.events("test", "acc"), m -> published.add(m.body().getString("id")));
  }

  @AfterEach
  void tearDown() throws Exception {
    CloudSocketIT.get(server.close());
  }

  @Test
  void fetchedEventsArePublishedDedupedAndInOrder() throws Exception {
    // GIVEN a connected socket whose fetches complete on another context
    Context elsewhere = vertx.getOrCreateContext();
    TickleSocket s =
        new TickleSocket(
            CloudSocketOptions.builder("test", "acc").build(), server.port(), elsewhere);
    String id = CloudSocketIT.get(vertx.deployVerticle(s));
    await().atMost(WAIT).until(() -> s.state() == ConnectionState.CONNECTED);

    // WHEN a push, then two tickles whose fetches overlap with it and with each other
    server.pushEvent("p1", "pushed");
    await().atMost(WAIT).until(() -> published.contains("p1"));
    server.pushText(tickle("f1", "p1", "f2"));
    server.pushText(tickle("f2", "f3"));
    await().atMost(WAIT).until(() -> published.size() == 4);
    server.pushEvent("p2", "pushed");

    // THEN every event once, the fetched ones in fetch order
    await().atMost(WAIT).until(() -> published.size() == 5);
    assertThat(published).containsExactly("p1", "f1", "f2", "f3", "p2");
    assertThat(s.stats().getLong("duplicatesDropped")).isEqualTo(2);
    assertThat(s.stats().getLong("eventsIn")).isEqualTo(7);
    await().atMost(WAIT).until(() -> s.publications.size() == 2);
    for (Future<Void> f : s.publications) {
      assertThat(f.succeeded()).isTrue();
    }

    // AND after undeploy a late fetch publishes nothing and says why
    CloudSocketIT.get(vertx.undeploy(id));
    Throwable late = failure(s.publishLate(List.of(s.event("late", "fetched", null))));
    assertThat(late).isInstanceOf(IllegalStateException.class).hasMessageContaining("stopped");
    assertThat(published).doesNotContain("late");
  }

  private static String tickle(String... ids) {
    return new JsonObject()
        .put("type", "tickle")
        .put("ids", new io.vertx.core.json.JsonArray(List.of((Object[]) ids)))
        .encode();
  }

  private static Throwable failure(Future<?> f) throws Exception {
    try {
      CloudSocketIT.get(f);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }
}
