package io.cloudbus.simplisafe;

import io.vertx.core.json.JsonObject;

/**
 * Reads camera media links from an event's {@code video} object. Every level is optional: cameras
 * send {@code playback/hls} or {@code playback/flv} (simplipy #1144 crashed on the missing one),
 * many events carry {@code video: {}} or no {@code video} at all. Thread-safe, never throws.
 */
final class SimpliSafeMedia {

  private SimpliSafeMedia() {}

  /**
   * {@code {image?, clip?, hls?, flv?}} from the clip started by {@code videoStartedBy}, else the
   * first clip that has links; empty when there is none.
   */
  static JsonObject extract(JsonObject data) {
    JsonObject out = new JsonObject();
    if (!(data.getValue("video") instanceof JsonObject video) || video.isEmpty()) {
      return out;
    }
    JsonObject links = null;
    String startedBy = SimpliSafeJson.asText(data.getValue("videoStartedBy"));
    if (startedBy != null && video.getValue(startedBy) instanceof JsonObject clip) {
      links = linksOf(clip);
    }
    if (links == null) {
      for (String key : video.fieldNames()) {
        if (video.getValue(key) instanceof JsonObject clip && linksOf(clip) != null) {
          links = linksOf(clip);
          break;
        }
      }
    }
    if (links == null) {
      return out;
    }
    put(out, "image", links, "snapshot/jpg");
    put(out, "clip", links, "download/mp4");
    put(out, "hls", links, "playback/hls");
    put(out, "flv", links, "playback/flv");
    return out;
  }

  private static JsonObject linksOf(JsonObject clip) {
    return clip.getValue("_links") instanceof JsonObject links ? links : null;
  }

  /** A link is {@code {"href": "..."}} in HAL style; a bare string is accepted too. */
  private static void put(JsonObject out, String field, JsonObject links, String rel) {
    Object link = links.getValue(rel);
    String href = null;
    if (link instanceof JsonObject o && o.getValue("href") instanceof String s) {
      href = s;
    } else if (link instanceof String s) {
      href = s;
    }
    if (href != null) {
      // RFC 6570 templates such as "{&width}" are dropped so the URL works as it is.
      href = href.replaceAll("\\{[^}]*}", "");
    }
    if (href != null && !href.isEmpty()) {
      out.put(field, href);
    }
  }
}
