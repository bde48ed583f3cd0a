package io.cloudbus.benchmarks;

import io.cloudbus.bticino.impl.BticinoCallDeduplicator;
import io.cloudbus.bticino.impl.BticinoPushMapper;
import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.generic.VendorProfile;
import io.cloudbus.generic.impl.ProfileEventMapper;
import io.cloudbus.simplisafe.SimpliSafeEventMapper;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
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
 * Frame decode plus normalization, per vendor: text frame → {@code JsonObject} → the adapter's own
 * mapper → {@link CloudbusEvent} → its CloudEvents JSON (what {@code EventPublisher} puts on the
 * bus). One operation = one frame. The BTicino frames get a fresh {@code session_id} each time,
 * because the mapper's call deduplicator would otherwise (correctly) answer the repeat with
 * nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class MapperBenchmark {

  private SimpliSafeEventMapper simplisafe;
  private BticinoPushMapper bticino;
  private ProfileEventMapper homeAssistant;
  private ProfileEventMapper pylight;
  private long session;

  @Setup
  public void setUp() {
    simplisafe = new SimpliSafeEventMapper("bench");
    bticino =
        new BticinoPushMapper("bticino", "bench", new BticinoCallDeduplicator(), Instant::now);
    homeAssistant = generic("home-assistant");
    pylight = generic("pylight");
  }

  private static ProfileEventMapper generic(String profile) {
    JsonObject vars =
        new JsonObject()
            .put("vendor", profile)
            .put("account", "bench")
            .put("config", new JsonObject());
    return new ProfileEventMapper(VendorProfile.load(profile), profile, "bench", vars);
  }

  @Benchmark
  public JsonObject simplisafeEventStandard() {
    JsonObject frame = new JsonObject(Frames.SIMPLISAFE_EVENT_STANDARD);
    return simplisafe.map(frame.getJsonObject("data")).orElseThrow().toJson();
  }

  @Benchmark
  public JsonObject bticinoRtcOffer() {
    String text = Frames.BTICINO_OFFER_HEAD + "s-" + session++ + Frames.BTICINO_OFFER_TAIL;
    return only(bticino.map(new JsonObject(text)));
  }

  @Benchmark
  public JsonObject bticinoIncomingCall() {
    String text = Frames.BTICINO_INCOMING_HEAD + "i-" + session++ + Frames.BTICINO_INCOMING_TAIL;
    return only(bticino.map(new JsonObject(text)));
  }

  @Benchmark
  public JsonObject homeAssistantStateChanged() {
    return only(homeAssistant.toEvents(new JsonObject(Frames.HOME_ASSISTANT_STATE_CHANGED)));
  }

  @Benchmark
  public JsonObject pylightUpdate() {
    return only(pylight.toEvents(new JsonObject(Frames.PYLIGHT_UPDATE)));
  }

  private static JsonObject only(List<CloudbusEvent> events) {
    if (events.size() != 1) {
      throw new IllegalStateException("expected one event, got " + events.size());
    }
    return events.get(0).toJson();
  }
}
