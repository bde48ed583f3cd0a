package io.cloudbus.core.impl;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudSocketOptions;
import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.core.EventTypes;
import io.cloudbus.core.util.Futures;
import io.cloudbus.core.util.TimerScheduler;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catch-up after every (re)connect: the vendor's recent events ({@link
 * SocketHooks#recentEvents}) go oldest first, marked {@code data.catchUp: true}, through the same
 * pipeline (dedup, journal, pause) as pushes. A failed fetch does not drop the connection: it is
 * retried with backoff ({@code reconnectInitialDelayMs} doubling up to {@code reconnectMaxDelayMs})
 * while that connection stays up. A reconnect that may have lost events publishes an {@code
 * io.cloudbus.stream.gap} event: always for a vendor without history ({@code no_history}), and when
 * the oldest listed event is newer than the last one delivered ({@code history_window}: the outage
 * overflowed the history window). The first connect of a socket uses what the journal holds of the
 * account from before ({@link JournalReference}, read by {@link #load()}): a vendor without history
 * announces a {@code gateway_restart} gap from the newest journaled event of the account to now,
 * and a vendor with history compares its oldest listed event with the newest journaled one. The gap
 * is also on the {@code connected} status ({@link #atConnect()}, {@link StatusTracker#gap}).
 *
 * <p>Confined to the socket's event-loop context, like its supervisor.
 */
final class CatchUp {

  private static final Logger LOG = LoggerFactory.getLogger(CloudSocket.class);

  /** The {@link TimerScheduler} purpose of catch-up retries. */
  static final String RETRY = "catch-up";

  private final SocketHooks hooks;
  private final SocketStats stats;
  private final EventPipeline pipeline;
  private final Context context;
  private final TimerScheduler timers;
  private final Clock clock;
  private final CloudSocketOptions options;
  private final ExponentialBackoff backoff;
  private final StatusTracker status;
  private Instant disconnectedAt;
  private JournalReference reference = JournalReference.NONE;
  private boolean first = true;
  private Instant droppedAt;
  private boolean restarted;
  private CloudbusEvent connectGap;

  CatchUp(SocketParts parts, SocketHooks hooks, Context context) {
    this.hooks = hooks;
    this.stats = parts.stats();
    this.pipeline = parts.pipeline();
    this.context = context;
    this.timers = parts.timers();
    this.clock = parts.clock();
    this.options = parts.options();
    this.status = parts.status();
    this.backoff =
        new ExponentialBackoff(
            0,
            Math.max(1, options.reconnectInitialDelayMs()),
            options.reconnectMaxDelayMs(),
            () -> ThreadLocalRandom.current().nextDouble());
    parts.disconnectHandlers().addSync(cause -> disconnectedAt = clock.instant());
  }

  /**
   * Reads what the journal holds of the account from before this socket started; before the first
   * connect. Never fails.
   */
  Future<Void> load() {
    return JournalReference.read(pipeline.journal(), options.vendor(), options.account())
        .map(
            r -> {
              reference = r;
              return null;
            });
  }

  /**
   * Called as a connection opens, before its {@code connected} status: decides the gap this
   * connection announces when it is known now (a vendor without history), to be published by {@link
   * #run}.
   *
   * @return the status's {@code gap: {from, to, reason}}, or null
   */
  JsonObject atConnect() {
    droppedAt = disconnectedAt;
    disconnectedAt = null;
    restarted = first && droppedAt == null && reference.lastJournaledAt() != null;
    first = false;
    connectGap = null;
    if (!hooks.hasHistory()) {
      if (droppedAt != null) {
        connectGap = gapEvent(droppedAt, clock.instant(), "no_history");
      } else if (restarted) {
        connectGap = gapEvent(reference.lastJournaledAt(), clock.instant(), "gateway_restart");
      }
    }
    return connectGap == null ? null : statusGap(connectGap);
  }

  /**
   * @param ctx the connection's log context
   * @param token the token the connection was opened with, null without auth
   * @param alive whether that connection is still the socket's open one (retries stop otherwise)
   * @return completes when the recent events were published, or when the first fetch failed (the
   *     retries go on in the background); never fails
   */
  Future<Void> run(String ctx, AccessToken token, BooleanSupplier alive) {
    if (!hooks.hasHistory()) {
      if (connectGap != null) {
        announce(connectGap);
        connectGap = null;
      }
      return pipeline.drained();
    }
    Instant reference = restarted ? this.reference.lastVendorTime() : null;
    return fetch(ctx, token, alive, 1, droppedAt != null || reference != null, reference);
  }

  private Future<Void> fetch(
      String ctx,
      AccessToken token,
      BooleanSupplier alive,
      int attempt,
      boolean resumed,
      Instant reference) {
    return Futures.continueOn(context, Futures.safe(() -> hooks.recentEvents(token)))
        .transform(
            ar -> {
              if (ar.failed()) {
                if (!alive.getAsBoolean()) {
                  return Future.succeededFuture();
                }
                long delay = backoff.delayMs(attempt);
                LOG.warn(
                    "[{}] catch-up failed (attempt {}), retrying in {} ms: {}",
                    ctx,
                    attempt,
                    delay,
                    ar.cause().getMessage());
                timers.schedule(
                    RETRY,
                    delay,
                    () -> {
                      if (alive.getAsBoolean()) {
                        fetch(ctx, token, alive, attempt + 1, resumed, reference);
                      }
                    });
                return Future.succeededFuture();
              }
              List<CloudbusEvent> recent = new ArrayList<>();
              for (CloudbusEvent e : ar.result() == null ? List.<CloudbusEvent>of() : ar.result()) {
                if (e != null) {
                  recent.add(marked(e));
                }
              }
              recent.sort(Comparator.comparing(CloudbusEvent::time));
              stats.catchUpEvents.addAndGet(recent.size());
              LOG.debug("[{}] catch-up: {} recent events", ctx, recent.size());
              Instant last = pipeline.lastPublishedTime();
              if (last == null || (reference != null && reference.isAfter(last))) {
                last = reference;
              }
              if (resumed
                  && last != null
                  && !recent.isEmpty()
                  && recent.get(0).time().isAfter(last)) {
                CloudbusEvent gap = gapEvent(last, recent.get(0).time(), "history_window");
                status.gap(statusGap(gap));
                announce(gap);
              }
              recent.forEach(pipeline::deliver);
              stats.catchUps.incrementAndGet();
              return pipeline.drained();
            });
  }

  /** The event with {@code data.catchUp: true} (a copy; the adapter's event is not changed). */
  static CloudbusEvent marked(CloudbusEvent e) {
    return CloudbusEvent.builder(e.vendor(), e.account())
        .id(e.id())
        .name(e.name())
        .subject(e.subject())
        .time(e.time())
        .vendorType(e.vendorType())
        .data(e.data().copy().put("catchUp", true))
        .build();
  }

  private CloudbusEvent gapEvent(Instant from, Instant to, String reason) {
    return CloudbusEvent.builder(options.vendor(), options.account())
        .id("gap-" + from.toEpochMilli() + "-" + to.toEpochMilli())
        .name(EventTypes.STREAM_GAP)
        .subject(options.account())
        .time(to)
        .data(
            new JsonObject()
                .put("from", from.toString())
                .put("to", to.toString())
                .put("reason", reason))
        .build();
  }

  /** The {@code gap} of a status: the gap event's {@code data}. */
  private static JsonObject statusGap(CloudbusEvent gap) {
    return gap.data().copy();
  }

  private void announce(CloudbusEvent gap) {
    LOG.info(
        "[{}/{}] events may be missing from {} to {} ({})",
        options.vendor(),
        options.account(),
        gap.data().getString("from"),
        gap.data().getString("to"),
        gap.data().getString("reason"));
    pipeline.deliver(gap);
  }
}
