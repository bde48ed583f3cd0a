package io.cloudbus.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayOpsTest {

  /** Records each call; answers with fixed figures. */
  static final class FakeSide implements GatewaySide {
    final List<String> calls = new ArrayList<>();

    @Override
    public long deploy(String prefix, int n, long initialDelayMs, long maxDelayMs) {
      calls.add("deploy " + prefix + " " + n + " " + initialDelayMs + " " + maxDelayMs);
      return 123;
    }

    @Override
    public int connected(String prefix) {
      calls.add("connected " + prefix);
      return 4;
    }

    @Override
    public void undeploy(String prefix) {
      calls.add("undeploy " + prefix);
    }

    @Override
    public long delivered() {
      return 10;
    }

    @Override
    public void rawConnect(int n) {
      calls.add("rawConnect " + n);
    }

    @Override
    public long rawFrames() {
      return 20;
    }

    @Override
    public void rawClose() {
      calls.add("rawClose");
    }

    @Override
    public void latencyStart(int capacity) {
      calls.add("latencyStart " + capacity);
    }

    @Override
    public LatencySummary latencyStop() {
      return new LatencySummary(3, 1, 2, 3, 4);
    }

    @Override
    public int startService(int maxClients) {
      calls.add("startService " + maxClients);
      return 8080;
    }

    @Override
    public void stopService() {
      calls.add("stopService");
    }

    @Override
    public MemorySnapshot memory() {
      return new MemorySnapshot(100, 200, -1);
    }

    @Override
    public long cpuNanos() {
      return 77;
    }

    @Override
    public String describe() {
      return "fake";
    }

    @Override
    public void close() {}
  }

  private final FakeSide side = new FakeSide();

  private JsonObject call(String op, JsonObject args) {
    return GatewayOps.handle(side, ChildProtocol.parseRequest(ChildProtocol.request(1, op, args)));
  }

  @Test
  void eachOpReachesTheSideWithItsFields() {
    JsonObject deployed =
        call(
            "deploy",
            new JsonObject()
                .put("prefix", "tp-")
                .put("n", 5)
                .put("initialDelayMs", 500)
                .put("maxDelayMs", 5000));
    JsonObject connected = call("connected", new JsonObject().put("prefix", "tp-"));
    call("rawConnect", new JsonObject().put("n", 2));
    call("latencyStart", new JsonObject().put("capacity", 9));
    JsonObject port = call("startService", new JsonObject().put("maxClients", 116));
    call("stopService", null);
    call("rawClose", null);
    call("undeploy", new JsonObject().put("prefix", "tp-"));

    assertThat(deployed.getLong("connectMs")).isEqualTo(123);
    assertThat(connected.getInteger("connected")).isEqualTo(4);
    assertThat(port.getInteger("port")).isEqualTo(8080);
    assertThat(side.calls)
        .containsExactly(
            "deploy tp- 5 500 5000",
            "connected tp-",
            "rawConnect 2",
            "latencyStart 9",
            "startService 116",
            "stopService",
            "rawClose",
            "undeploy tp-");
  }

  @Test
  void figuresRoundTripAsJson() {
    assertThat(LatencySummary.fromJson(call("latencyStop", null)))
        .isEqualTo(new LatencySummary(3, 1, 2, 3, 4));
    MemorySnapshot memory = MemorySnapshot.fromJson(call("memory", null));
    assertThat(memory).isEqualTo(new MemorySnapshot(100, 200, -1));
    assertThat(memory.direct()).isEqualTo(200);
    assertThat(call("cpu", null).getLong("cpuNanos")).isEqualTo(77);
    assertThat(call("counts", null))
        .isEqualTo(new JsonObject().put("delivered", 10L).put("raw", 20L));
  }

  @Test
  void unknownOpsAndMissingFieldsAreNamed() {
    assertThatThrownBy(() -> call("explode", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown op explode");
    assertThatThrownBy(() -> call("deploy", new JsonObject().put("prefix", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("deploy needs a number n");
    assertThatThrownBy(() -> call("connected", new JsonObject().put("prefix", 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("connected needs a string prefix");
    assertThat(side.calls).isEmpty();
  }
}
