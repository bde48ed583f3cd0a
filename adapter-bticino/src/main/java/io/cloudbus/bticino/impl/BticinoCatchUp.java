package io.cloudbus.bticino.impl;

import io.cloudbus.core.CloudbusEvent;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catch-up after a (re)connect: the homes from {@code homesdata}, then {@code getevents} of
 * each home, mapped to call events not delivered yet, oldest first. Never fails: a failed {@code
 * homesdata} falls back to the homes known from the last success, a failed {@code getevents} skips
 * that home (both logged); the next reconnect tries again. Used on the socket's event loop.
 */
public final class BticinoCatchUp {

  private static final Logger LOG = LoggerFactory.getLogger(BticinoCatchUp.class);

  private final BticinoApi api;
  private final BticinoHistoryMapper history;
  private final int size;
  private final String label;
  private List<String> knownHomes = List.of();

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

  /** The call events missed so far, oldest first; never a failed future. */
  public Future<List<CloudbusEvent>> run() {
    return api.homeIds()
        .map(
            homes -> {
              knownHomes = List.copyOf(homes);
              return homes;
            })
        .recover(
            err -> {
              LOG.warn(
                  "[{}] homesdata failed ({}); using {} known home(s)",
                  label,
                  err.getMessage(),
                  knownHomes.size());
              return Future.succeededFuture(knownHomes);
            })
        .compose(this::events);
  }

  private Future<List<CloudbusEvent>> events(List<String> homes) {
    List<CloudbusEvent> all = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (String home : homes) {
      chain =
          chain.compose(
              v ->
                  api.events(home, size)
                      .<Void>map(
                          resp -> {
                            all.addAll(history.map(home, resp));
                            return null;
                          })
                      .recover(
                          err -> {
                            LOG.warn(
                                "[{}] getevents of a home failed: {}", label, err.getMessage());
                            return Future.succeededFuture();
                          }));
    }
    return chain.map(
        v -> {
          all.sort(Comparator.comparing(CloudbusEvent::time));
          if (!all.isEmpty()) {
            LOG.info("[{}] catch-up found {} new call event(s)", label, all.size());
          }
          return all;
        });
  }
}
