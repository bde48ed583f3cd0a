package io.cloudbus.core.impl;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/** Splits a received text frame into JSON object messages. Stateless. */
public final class JsonFrames {

  private JsonFrames() {}

  /**
   * Parses {@code text}: an object is one message, an array (Home Assistant's coalesced frames)
   * yields each object element in order. Anything else, and every non-object array element, is
   * reported to {@code bad} with a reason that never contains the payload.
   */
  public static void split(String text, Consumer<JsonObject> message, Consumer<String> bad) {
    Object parsed;
    try {
      parsed = EventJson.decodeValue(text);
    } catch (DecodeException e) {
      bad.accept("malformed JSON");
      return;
    }
    if (parsed instanceof JsonObject o) {
      message.accept(o);
    } else if (parsed instanceof JsonArray array) {
      for (Object element : array) {
        if (element instanceof JsonObject o) {
          message.accept(o);
        } else {
          bad.accept("array element is not a JSON object");
        }
      }
    } else {
      bad.accept("not a JSON object");
    }
  }
}
