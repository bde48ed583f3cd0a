package io.cloudbus.service.impl;

import io.cloudbus.core.CloudbusEvent;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
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
 * The {@code /ws} subscription filter ({@link WsFilter}, package-private in the service, hence this
 * package): matching one normalized event against a filter per connected client, with the event's
 * vendor, account and type read once per event as the endpoint does ({@code WsEndpoint.onEvent}).
 * Cases: no filter, vendor plus short type prefix that matches, and one that does not (the common
 * case with many clients), plus parsing a client's filter.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class WsFilterBenchmark {

  private Object vendor;
  private Object account;
  private Object type;
  private WsFilter all;
  private WsFilter matching;
  private WsFilter notMatching;
  private JsonObject rawFilter;

  @Setup
  public void setUp() {
    JsonObject event =
        CloudbusEvent.builder("simplisafe", "home")
            .id("simplisafe-16803409109")
            .name("security.disarmed")
            .subject("abcdef12")
            .time(Instant.parse("2021-09-29T23:14:46Z"))
            .vendorType("1400")
            .data(new JsonObject().put("eventId", 16803409109L))
            .build()
            .toJson();
    vendor = event.getValue("vendor");
    account = event.getValue("account");
    type = event.getValue("type");
    all = WsFilter.ALL;
    rawFilter = new JsonObject().put("vendor", "simplisafe").put("type", "security.");
    matching = WsFilter.parse(rawFilter);
    notMatching =
        WsFilter.parse(new JsonObject().put("vendor", "simplisafe").put("type", "alarm."));
  }

  @Benchmark
  public boolean matchAll() {
    return all.matchesEvent(vendor, account, type);
  }

  @Benchmark
  public boolean matchVendorAndTypePrefix() {
    return matching.matchesEvent(vendor, account, type);
  }

  @Benchmark
  public boolean rejectTypePrefix() {
    return notMatching.matchesEvent(vendor, account, type);
  }

  @Benchmark
  public WsFilter parseFilter() {
    return WsFilter.parse(rawFilter);
  }
}
