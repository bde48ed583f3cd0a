package io.cloudbus.core.impl;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON text of the hot path (issue #17): each published event is encoded at most once for the
 * journal and every {@code /ws} and SSE client, with Vert.x's default codec (so the text is the one
 * {@link JsonObject#encode()} gives). Jackson's streaming codec ({@code JacksonCodec}) was tried
 * instead of the default (databind) one and measured no faster on the SimpliSafe frame and event
 * (benchmarks.md, "Hot path, second round"), so it is not used.
 *
 * <p>Encode once: {@link #newEvent()} makes a {@link JsonObject} (a plain one: {@code equals} and
 * {@code copy} as usual) whose map remembers its text after the first {@link #encode}. A top-level
 * {@code put}/{@code remove}/{@code clear} forgets it; a change inside a nested value is not seen,
 * which is fine because a published event is read-only (see {@link EventPublisher}). Thread-safe as
 * far as encoding goes: two threads encoding at once both produce the same text.
 */
public final class EventJson {

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
        text = json.encode();
        cached.text = text;
      }
      return text;
    }
    return json.encode();
  }

  /**
   * Parses {@code text} into a {@link JsonObject}, {@link io.vertx.core.json.JsonArray}, string,
   * number, boolean or null, as {@link io.vertx.core.json.Json#decodeValue(String)} does.
   *
   * @throws DecodeException when it is not JSON (with trailing content too)
   */
  public static Object decodeValue(String text) {
    return Json.decodeValue(text);
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
