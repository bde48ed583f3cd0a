package io.cloudbus.service.impl;

import io.cloudbus.core.EventTypes;
import io.cloudbus.core.journal.JournalPage;
import io.cloudbus.core.journal.JournalQuery;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;

/**
 * {@code GET /api/events?since=&until=&vendor=&account=&type=&limit=&cursor=}: journaled events,
 * newest first, as {@code {"events":[...],"next":"<cursor>"|null}}; {@code next} with the same
 * parameters gives the following (older) page. {@code since} is an RFC 3339 time, an event id or a
 * journal position (see {@link SinceParser}; the events after it), {@code until} an RFC 3339 time
 * (exclusive; both times are when the gateway journaled the event), {@code type} a prefix of the
 * CloudEvents type ({@code alarm.} reads as {@code io.cloudbus.alarm.}), {@code limit} 1 or more
 * (default {@value #DEFAULT_LIMIT}; more is served as the largest page, {@code
 * ServiceOptions.recentEventsSize} up to {@link JournalQuery#MAX_LIMIT}). A bad parameter is
 * answered 400 with {@code {"error":{"code":"bad_<parameter>","message":...}}}. A {@code since}
 * older than what the journal still holds adds {@code "gap": {from?, to, reason: "retention",
 * afterPosition?}} to every page of the query ({@link RetentionGap}).
 */
final class EventsApi {

  static final int DEFAULT_LIMIT = 50;

  private final Resumes resumes;
  private final int maxLimit;

  /** {@code maxLimit}: the largest page (at most {@link JournalQuery#MAX_LIMIT}). */
  EventsApi(Resumes resumes, int maxLimit) {
    this.resumes = resumes;
    this.maxLimit = Math.max(1, Math.min(maxLimit, JournalQuery.MAX_LIMIT));
  }

  void handle(RoutingContext rc) {
    HttpServerRequest req = rc.request();
    JournalQuery.Builder query = JournalQuery.builder().order(JournalQuery.Order.NEWEST_FIRST);
    int limit = Math.min(DEFAULT_LIMIT, maxLimit);
    String rawLimit = req.getParam("limit");
    if (rawLimit != null) {
      try {
        limit = Integer.parseInt(rawLimit);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1) {
        HttpErrors.end(rc, 400, "bad_limit", "limit must be a positive integer");
        return;
      }
    }
    query.limit(Math.min(limit, maxLimit));
    String until = req.getParam("until");
    if (until != null) {
      Instant t = SinceParser.time(until);
      if (t == null) {
        HttpErrors.end(rc, 400, "bad_until", "until must be an RFC 3339 time");
        return;
      }
      query.until(t);
    }
    WsFilter filter;
    try {
      JsonObject f = new JsonObject();
      for (String name : new String[] {"vendor", "account", "type"}) {
        if (req.getParam(name) != null) {
          f.put(name, req.getParam(name));
        }
      }
      filter = WsFilter.parse(f);
    } catch (IllegalArgumentException e) {
      HttpErrors.end(rc, 400, "bad_filter", e.getMessage());
      return;
    }
    query.vendor(filter.vendor()).account(filter.account()).cursor(req.getParam("cursor"));
    if (filter.type() != null) {
      query.typePrefix(
          filter.type().startsWith(EventTypes.PREFIX)
              ? filter.type()
              : EventTypes.PREFIX + filter.type());
    }
    String since = req.getParam("since");
    Future<JsonObject> resolved =
        since == null
            ? Future.succeededFuture()
            : resumes
                .resolve(since, filter)
                .compose(
                    from -> {
                      query.afterPosition(from.afterPosition()).since(from.time());
                      return RetentionGap.check(resumes.journal(), from, "api", Clock.systemUTC());
                    });
    resolved
        .compose(gap -> resumes.journal().read(query.build()).map(page -> body(page, gap)))
        .onSuccess(
            body ->
                rc.response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store")
                    .end(body.encode()))
        .onFailure(
            e -> {
              if (e instanceof IllegalArgumentException) {
                String message = e.getMessage();
                int colon = message.indexOf(':');
                String field = colon > 0 ? message.substring(0, colon) : "request";
                HttpErrors.end(rc, 400, "bad_" + field, message);
              } else {
                rc.fail(e);
              }
            });
  }

  /** {@code {events, next}}, plus {@code gap} (the gap event's data) when retention cut it. */
  private static JsonObject body(JournalPage page, JsonObject gap) {
    JsonArray events = new JsonArray();
    page.entries().forEach(e -> events.add(e.event()));
    JsonObject body = new JsonObject().put("events", events).put("next", page.next());
    if (gap != null) {
      body.put("gap", gap.getJsonObject("data"));
    }
    return body;
  }
}
