package io.cloudbus.bench;

import io.vertx.core.json.JsonObject;

/**
 * The gateway child's requests ({@link ChildProtocol}), mapped onto {@link GatewaySide}: each op
 * and its fields are what {@link RemoteGatewaySide} sends. Unknown ops and missing fields fail with
 * a message naming them.
 */
final class GatewayOps {

  private GatewayOps() {}

  static JsonObject handle(GatewaySide side, JsonObject request) {
    String op = request.getString("op");
    return switch (op) {
      case "deploy" ->
          new JsonObject()
              .put(
                  "connectMs",
                  side.deploy(
                      text(request, "prefix"),
                      number(request, "n").intValue(),
                      number(request, "initialDelayMs").longValue(),
                      number(request, "maxDelayMs").longValue()));
      case "connected" ->
          new JsonObject().put("connected", side.connected(text(request, "prefix")));
      case "undeploy" -> {
        side.undeploy(text(request, "prefix"));
        yield new JsonObject();
      }
      case "rawConnect" -> {
        side.rawConnect(number(request, "n").intValue());
        yield new JsonObject();
      }
      case "rawClose" -> {
        side.rawClose();
        yield new JsonObject();
      }
      case "latencyStart" -> {
        side.latencyStart(number(request, "capacity").intValue());
        yield new JsonObject();
      }
      case "latencyStop" -> side.latencyStop().toJson();
      case "startService" ->
          new JsonObject().put("port", side.startService(number(request, "maxClients").intValue()));
      case "stopService" -> {
        side.stopService();
        yield new JsonObject();
      }
      case "memory" -> side.memory().toJson();
      case "cpu" -> new JsonObject().put("cpuNanos", side.cpuNanos());
      case "counts" ->
          new JsonObject().put("delivered", side.delivered()).put("raw", side.rawFrames());
      default -> throw new IllegalArgumentException("unknown op " + op);
    };
  }

  private static String text(JsonObject request, String field) {
    if (!(request.getValue(field) instanceof String s)) {
      throw new IllegalArgumentException(request.getString("op") + " needs a string " + field);
    }
    return s;
  }

  private static Number number(JsonObject request, String field) {
    if (!(request.getValue(field) instanceof Number n)) {
      throw new IllegalArgumentException(request.getString("op") + " needs a number " + field);
    }
    return n;
  }
}
