package io.cloudbus.service.impl;

import io.cloudbus.core.journal.EventJournal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What every resuming consumer ({@code /ws}, SSE, {@code /api/events}) shares: the journal and the
 * event sources a {@code since=<event id>} may belong to. The sources are those of the accounts the
 * service knows plus the latest {@value #MAX_SOURCES} seen on the bus (an event id is unique per
 * source only, and the journal is keyed by both).
 *
 * <p>Threading: the service verticle's event loop.
 */
final class Resumes {

  /** Sources remembered from the bus. */
  static final int MAX_SOURCES = 10_000;

  private final EventJournal journal;
  private final Supplier<Iterable<JsonObject>> accounts;
  private final Map<String, Boolean> seen =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > MAX_SOURCES;
        }
      };

  Resumes(EventJournal journal, Supplier<Iterable<JsonObject>> accounts) {
    this.journal = journal;
    this.accounts = accounts;
  }

  EventJournal journal() {
    return journal;
  }

  /** Records the source of an event handed to consumers. */
  void seen(JsonObject event) {
    if (event.getValue("source") instanceof String s) {
      seen.put(s, Boolean.TRUE);
    }
  }

  /** Resolves {@code since} for a consumer with {@code filter} (see {@link SinceParser}). */
  Future<SinceParser.ResumePoint> resolve(String since, WsFilter filter) {
    return SinceParser.resolve(journal, since, sources(filter));
  }

  private Set<String> sources(WsFilter filter) {
    Set<String> out = new LinkedHashSet<>();
    if (filter.vendor() != null && filter.account() != null) {
      out.add(source(filter.vendor(), filter.account()));
      return out;
    }
    for (JsonObject a : accounts.get()) {
      if (a.getValue("vendor") instanceof String v && a.getValue("account") instanceof String acc) {
        out.add(source(v, acc));
      }
    }
    out.addAll(seen.keySet());
    if (filter.vendor() != null) {
      out.removeIf(s -> !s.startsWith("/cloudbus/" + filter.vendor() + "/"));
    }
    return out;
  }

  static String source(String vendor, String account) {
    return "/cloudbus/" + vendor + "/" + account;
  }
}
