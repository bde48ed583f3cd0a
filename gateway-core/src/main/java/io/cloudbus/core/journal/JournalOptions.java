package io.cloudbus.core.journal;

import io.vertx.core.json.JsonObject;

/**
 * Settings of the durable journal (config section {@code journal}). Immutable, validated at
 * construction, JSON round-trippable ({@link #toJson()}, {@link #fromJson(JsonObject)}).
 *
 * @param enabled false runs without a durable journal (an in-memory one of {@link
 *     EventJournal#DEFAULT_MEMORY_EVENTS} events keeps dedup and positions until restart)
 * @param path the journal's directory (the SQLite file {@code events.db} goes inside), or null for
 *     the caller's default ({@code data/} beside the token store for {@code cloudbus run})
 * @param retentionDays events older than this many days are deleted (1 to 3650)
 * @param maxSizeMb the oldest events are deleted while the journal is larger (1 to 1048576)
 */
public record JournalOptions(boolean enabled, String path, int retentionDays, long maxSizeMb) {

  public static final boolean DEFAULT_ENABLED = true;
  public static final int DEFAULT_RETENTION_DAYS = 7;
  public static final long DEFAULT_MAX_SIZE_MB = 1024;

  public JournalOptions {
    if (retentionDays < 1 || retentionDays > 3650) {
      throw new IllegalArgumentException(
          "journal.retentionDays: must be 1 to 3650, was " + retentionDays);
    }
    if (maxSizeMb < 1 || maxSizeMb > 1_048_576) {
      throw new IllegalArgumentException(
          "journal.maxSizeMb: must be 1 to 1048576, was " + maxSizeMb);
    }
    if (path != null && path.isBlank()) {
      throw new IllegalArgumentException("journal.path: must not be blank");
    }
  }

  /** The defaults: enabled, no path (the caller's default), 7 days, 1024 MB. */
  public static JournalOptions defaults() {
    return new JournalOptions(DEFAULT_ENABLED, null, DEFAULT_RETENTION_DAYS, DEFAULT_MAX_SIZE_MB);
  }

  /** A journal that is not written (in memory only). */
  public static JournalOptions disabled() {
    return defaults().withEnabled(false);
  }

  public JournalOptions withEnabled(boolean enabled) {
    return new JournalOptions(enabled, path, retentionDays, maxSizeMb);
  }

  public JournalOptions withPath(String path) {
    return new JournalOptions(enabled, path, retentionDays, maxSizeMb);
  }

  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("enabled", enabled)
            .put("retentionDays", retentionDays)
            .put("maxSizeMb", maxSizeMb);
    if (path != null) {
      json.put("path", path);
    }
    return json;
  }

  /**
   * Reads {@code {enabled, path, retentionDays, maxSizeMb}}; missing keys take the defaults.
   *
   * @throws IllegalArgumentException naming the field for a wrong type or value
   */
  public static JournalOptions fromJson(JsonObject json) {
    if (json == null) {
      return defaults();
    }
    try {
      Boolean enabled = json.getBoolean("enabled");
      Number retention = json.getNumber("retentionDays");
      Number size = json.getNumber("maxSizeMb");
      return new JournalOptions(
          enabled == null ? DEFAULT_ENABLED : enabled,
          json.getString("path"),
          retention == null ? DEFAULT_RETENTION_DAYS : retention.intValue(),
          size == null ? DEFAULT_MAX_SIZE_MB : size.longValue());
    } catch (ClassCastException e) {
      throw new IllegalArgumentException("journal: wrong type: " + e.getMessage(), e);
    }
  }
}
