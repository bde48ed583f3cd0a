package io.cloudbus.bticino.impl;

import io.cloudbus.core.CloudbusEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catch-up after a (re)connect, in two steps: {@link #fetch()} asks {@code homesdata} for the
 * homes and {@code getevents} for each home; {@link #map(List)} turns the responses into call
 * events not delivered yet, oldest first. Never fails: a failed {@code homesdata} falls back to the
 * homes known from the last success, a failed {@code getevents} skips that home (both logged); the
 * next reconnect tries again.
 *
 * <p>Threading: {@link #fetch()} may run and complete on any context (the REST calls complete where
 * the auth handler lives) and touches no state shared with the push mapper. {@link #map(List)}
 * claims the session memory of the {@link BticinoCallDeduplicator} shared with live pushes, so it
 * must run on the socket's event loop, in the same turn that hands the events to the pipeline:
 * otherwise a live push mapped in between finds its call already claimed and is dropped, while the
 * catch-up copy is published after later pushes (an {@code answered} after the {@code ended}).
 */
public final class BticinoCatchUp {

  private static final Logger LOG = LoggerFactory.getLogger(BticinoCatchUp.class);

  private final BticinoApi api;
  private final BticinoHistoryMapper history;
  private final int size;
  private final String label;
  private volatile List<String> knownHomes = List.of();

  /**
   * @param size events asked per home
   * @param label log context, e.g. {@code bticino/home}
   */
  public BticinoCatchUp(BticinoApi api, BticinoHistoryMapper history, int size, String label) {
    this.api = Objects.requireNonNull(api, "api");
    this.history = Objects.requireNonNull(history, "history");
    this.size = size;
    this.label = label;
  }

  /** One home's {@code getevents} response, not mapped yet. */
  public record HomeHistory(String homeId, JsonObject response) {}

  /** The raw history of every home; any context; never a failed future. */
  public Future<List<HomeHistory>> fetch() {
    return api.homeIds()
        .map(
            homes -> {
              knownHomes = List.copyOf(homes);
              return homes;
            })
        .recover(
            err -> {
              List<String> known = knownHomes;
              LOG.warn(
                  "[{}] homesdata failed ({}); using {} known home(s)",
                  label,
                  err.getMessage(),
                  known.size());
              return Future.succeededFuture(known);
            })
        .compose(this::histories);
  }

  /**
   * The call events of {@code fetched} not emitted before, oldest first. On the socket's event loop
   * only, in the turn that delivers them (see the class comment).
   */
  public List<CloudbusEvent> map(List<HomeHistory> fetched) {
    List<CloudbusEvent> all = new ArrayList<>();
    for (HomeHistory h : fetched) {
      all.addAll(history.map(h.homeId(), h.response()));
    }
    all.sort(Comparator.comparing(CloudbusEvent::time));
    if (!all.isEmpty()) {
      LOG.info("[{}] catch-up found {} new call event(s)", label, all.size());
    }
    return all;
  }

  private Future<List<HomeHistory>> histories(List<String> homes) {
    List<HomeHistory> all = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (String home : homes) {
      chain =
          chain.compose(
              v ->
                  api.events(home, size)
                      .<Void>map(
                          resp -> {
                            all.add(new HomeHistory(home, resp));
                            return null;
                          })
                      .recover(
                          err -> {
                            LOG.warn(
                                "[{}] getevents of a home failed: {}", label, err.getMessage());
                            return Future.succeededFuture();
                          }));
    }
    return chain.map(v -> all);
  }
}
