package io.cloudbus.mock.generic;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The emulated event bus: every fired event reaches every listener (one per connection) in firing
 * order. Used on the mock cloud's context only.
 */
final class HomeAssistantBus {

  private final List<Consumer<HaEvent>> listeners = new ArrayList<>();
  private HaEvent last;

  void listen(Consumer<HaEvent> listener) {
    listeners.add(listener);
  }

  void unlisten(Consumer<HaEvent> listener) {
    listeners.remove(listener);
  }

  void clear() {
    listeners.clear();
  }

  /** Fires an event of {@code type} now, with {@code context}; returns it. */
  HaEvent fire(String type, JsonObject data, JsonObject context) {
    HaEvent event =
        new HaEvent(HomeAssistantStates.event(type, data, context, HaTime.now()), null, null);
    publish(event);
    return event;
  }

  /** The event published last (null before any). */
  HaEvent last() {
    return last;
  }

  void publish(HaEvent event) {
    last = event;
    for (Consumer<HaEvent> l : new ArrayList<>(listeners)) {
      l.accept(event);
    }
  }
}
