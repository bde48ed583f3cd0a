package io.cloudbus.core.impl;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON text of the hot path (issue #17): frames parsed and events encoded with Jackson's streaming
 * codec, and each published event encoded at most once for the journal and every {@code /ws} and
 * SSE client.
 *
 * <p>Why not {@link io.vertx.core.json.Json}: with jackson-databind on the class path Vert.x's
 * default codec goes through databind's {@code ObjectMapper} (a serializer provider per call, map
 * serializers, untyped deserializers), twice the CPU of the streaming codec for the same text.
 * {@link JacksonCodec} writes and reads the same JSON for the types an event holds ({@link
 * JsonObject}, {@link io.vertx.core.json.JsonArray}, strings, numbers, booleans, null); {@code
 * EventJsonTest} compares both on such values (nesting, escapes, number kinds).
 *
 * <p>Encode once: {@link #newEvent()} makes a {@link JsonObject} (a plain one: {@code equals} and
 * {@code copy} as usual) whose map remembers its text after the first {@link #encode}. A top-level
 * {@code put}/{@code remove}/{@code clear} forgets it; a change inside a nested value is not seen,
 * which is fine because a published event is read-only (see {@link EventPublisher}). Thread-safe as
 * far as encoding goes: two threads encoding at once both produce the same text.
 */
public final class EventJson {

  private static final JacksonCodec STREAMING = new JacksonCodec();

  private EventJson() {}

  /** An empty event object whose text is kept after its first {@link #encode}. */
  public static JsonObject newEvent() {
    return new JsonObject(new TextCachingMap());
  }

  /**
   * The compact JSON text of {@code json}: the kept text of an event made by {@link #newEvent()}
   * (encoded now when not yet), else encoded now.
   *
   * @throws io.vertx.core.json.EncodeException when a value is not JSON
   */
  public static String encode(JsonObject json) {
    if (json.getMap() instanceof TextCachingMap cached) {
      String text = cached.text;
      if (text == null) {
        text = STREAMING.toString(json, false);
        cached.text = text;
      }
      return text;
    }
    return STREAMING.toString(json, false);
  }

  /**
   * Parses {@code text} into a {@link JsonObject}, {@link io.vertx.core.json.JsonArray}, string,
   * number, boolean or null, as {@link io.vertx.core.json.Json#decodeValue(String)} does.
   *
   * @throws DecodeException when it is not JSON (with trailing content too)
   */
  public static Object decodeValue(String text) {
    return STREAMING.fromString(text);
  }

  /** A map that keeps its JSON text; any top-level change drops it. */
  private static final class TextCachingMap extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;

    // a String is immutable: a racy publication is safe, at worst a second encode
    private transient String text;

    @Override
    public Object put(String key, Object value) {
      text = null;
      return super.put(key, value);
    }

    @Override
    public void putAll(Map<? extends String, ?> m) {
      text = null;
      super.putAll(m);
    }

    @Override
    public Object remove(Object key) {
      text = null;
      return super.remove(key);
    }

    @Override
    public void clear() {
      text = null;
      super.clear();
    }
  }
}
