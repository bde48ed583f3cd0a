package io.cloudbus.bticino.impl;

import io.vertx.core.json.JsonObject;

/** Push messages shaped like the real cloud's (docs/protocols, bticino_intercom fixtures). */
public final class BticinoPushes {

  public static final String HOME = "67bdb3ed0123456789abcdef";
  public static final String BRIDGE = "00:03:50:d9:a6:3b";
  public static final String SNAPSHOT = "https://images.example/snap.jpg?sig=x";
  public static final String VIGNETTE = "https://images.example/vig.jpg?sig=y";

  private BticinoPushes() {}

  public static JsonObject rtc(String bridgeType, String type, String sessionId) {
    JsonObject data = new JsonObject().put("type", type);
    if ("offer".equals(type)) {
      data.put(
          "session_description",
          new JsonObject()
              .put("type", "call")
              .put("sdp", "v=0\r\n")
              .put("module_id", "d9a63b-a06f-2ef633a2f733"));
    }
    return new JsonObject()
        .put("push_type", bridgeType + "-rtc")
        .put(
            "extra_params",
            new JsonObject()
                .put("tag_id", "dgo4dB6RqEk=")
                .put("correlation_id", "1499514006757899539")
                .put("session_id", sessionId)
                .put("data", data)
                .put("device_id", BRIDGE)
                .put("home_id", HOME));
  }

  public static JsonObject call(String bridgeType, String event, String sessionId, boolean urls) {
    JsonObject extra =
        new JsonObject()
            .put("event_type", event)
            .put("device_id", BRIDGE)
            .put("home_id", HOME)
            .put("home_name", "MyHome")
            .put("timestamp", 1774877242L)
            .put("camera_id", BRIDGE)
            .put("event_id", "69ca7a3aeeefc6e8a1cf8cef")
            .put("subevent_id", "69ca7a3a59c54a2c490395f4")
            .put("session_id", sessionId);
    if (urls) {
      extra.put("snapshot_url", SNAPSHOT).put("vignette_url", VIGNETTE);
    }
    return new JsonObject()
        .put("type", "Websocket")
        .put("push_type", bridgeType + "-" + event)
        .put("category", event)
        .put("extra_params", extra);
  }

  public static JsonObject status(String bridgeType, String event) {
    return new JsonObject()
        .put("push_type", bridgeType + "-" + event)
        .put(
            "extra_params",
            new JsonObject()
                .put("event_type", event)
                .put("device_id", BRIDGE)
                .put("home_id", HOME)
                .put("camera_id", BRIDGE)
                .put("home_name", "MyHome"));
  }
}
