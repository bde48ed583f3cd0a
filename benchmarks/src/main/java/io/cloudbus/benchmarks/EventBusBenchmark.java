package io.cloudbus.benchmarks;

import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.impl.EventPublisher;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Publishing normalized events with core's {@link EventPublisher} (both contract addresses, with
 * headers) from an event-loop context, as a socket does, to one local consumer of {@code
 * cloudbus.events} on another context. One invocation publishes {@value #BATCH} events and waits
 * until the consumer has received all of them, so the figure is delivered events per second, not
 * queued ones.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class EventBusBenchmark {

  static final int BATCH = 1_000;

  private Vertx vertx;
  private Context publisherContext;
  private EventPublisher publisher;
  private MessageConsumer<JsonObject> consumer;
  private final AtomicLong received = new AtomicLong();
  private CloudbusEvent event;

  @Setup
  public void setUp() throws Exception {
    vertx = Vertx.vertx();
    consumer =
        vertx.eventBus().localConsumer(CloudbusAddresses.EVENTS, m -> received.incrementAndGet());
    consumer.completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    publisherContext = vertx.getOrCreateContext();
    publisher = new EventPublisher(vertx.eventBus(), "pylight", "bench");
    event =
        CloudbusEvent.builder("pylight", "bench")
            .id("bench-1")
            .name("resource.updated")
            .subject("products/42")
            .time(Instant.parse("2026-11-21T10:00:05Z"))
            .vendorType("update")
            .data(new JsonObject().put("table", "products").put("id", "42"))
            .build();
  }

  @TearDown
  public void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long publishToLocalConsumer() {
    long target = received.get() + BATCH;
    publisherContext.runOnContext(
        v -> {
          for (int i = 0; i < BATCH; i++) {
            publisher.publish(event);
          }
        });
    while (received.get() < target) {
      Thread.yield();
    }
    return target;
  }
}
