package io.cloudbus.core.impl;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;

/**
 * The event bus codec of published events: a local consumer receives the very {@link JsonObject}
 * that was published instead of a deep copy per consumer (Vert.x's default JSON codec copies in
 * {@code transform}, which was a quarter of the gateway's CPU per event, issue #17). The published
 * JSON is never modified after publishing (see {@link EventPublisher}), and consumers must treat it
 * as read-only: copy it before changing it. On the wire (cluster) it is the JSON text, exactly as
 * the default codec sends a {@code JsonObject}; every node registers the codec ({@link #register})
 * before it consumes events.
 */
public final class SharedEventCodec implements MessageCodec<JsonObject, JsonObject> {

  /** The codec name, sent with every remote message. */
  public static final String NAME = "cloudbus.event";

  /**
   * Registers the codec on {@code bus} unless it is already there. Thread-safe and idempotent.
   *
   * @return {@code bus}
   */
  public static EventBus register(EventBus bus) {
    synchronized (bus) {
      try {
        bus.registerCodec(new SharedEventCodec());
      } catch (IllegalStateException alreadyRegistered) {
        // another publisher or the service registered it on this Vert.x instance
      }
    }
    return bus;
  }

  @Override
  public void encodeToWire(Buffer buffer, JsonObject event) {
    Buffer encoded = event.toBuffer();
    buffer.appendInt(encoded.length());
    buffer.appendBuffer(encoded);
  }

  @Override
  public JsonObject decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    pos += 4;
    return new JsonObject(buffer.slice(pos, pos + length));
  }

  /** The same, unmodified object: no copy per local consumer. */
  @Override
  public JsonObject transform(JsonObject event) {
    return event;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
