package io.cloudbus.benchmarks;

import io.cloudbus.core.EventDeduplicator;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lookups in core's Caffeine {@link EventDeduplicator} with the socket defaults (100,000 ids, 24
 * h): a new id (insert, with eviction once the cache is full) and a duplicate (hit among 10,000
 * ids).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class DedupBenchmark {

  private static final int KNOWN = 1 << 14;

  private EventDeduplicator dedup;
  private final String[] known = new String[KNOWN];
  private long next;
  private int hit;

  @Setup
  public void setUp() {
    dedup = EventDeduplicator.caffeine(100_000, Duration.ofHours(24));
    for (int i = 0; i < KNOWN; i++) {
      known[i] = "simplisafe-" + (16_803_409_109L + i);
      dedup.firstSeen(known[i]);
    }
  }

  @Benchmark
  public boolean firstSeenNewId() {
    return dedup.firstSeen("pylight-" + next++).result();
  }

  @Benchmark
  public boolean firstSeenDuplicate() {
    return dedup.firstSeen(known[hit++ & (KNOWN - 1)]).result();
  }
}
