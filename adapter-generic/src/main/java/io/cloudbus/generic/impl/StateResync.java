package io.cloudbus.generic.impl;

import io.cloudbus.core.CloudbusEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Closes the gap of a Home Assistant reconnect: remembers the last state seen per entity (from the
 * published {@code entity.state_changed} events and from each {@code get_states} answer) and turns
 * every difference found in a {@code get_states} answer after a reconnect into an {@code
 * entity.state_changed} event with {@code data.catchUp: true}. The first answer only sets the
 * baseline. At most {@link #MAX_ENTITIES} entities are remembered (the oldest forgotten first).
 *
 * <p>Confined to the socket's context.
 */
public final class StateResync {

  public static final int MAX_ENTITIES = 10_000;

  private final String vendor;
  private final String account;
  private final Map<String, JsonObject> lastSeen =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JsonObject> eldest) {
          return size() > MAX_ENTITIES;
        }
      };
  private boolean baseline;

  public StateResync(String vendor, String account) {
    this.vendor = vendor;
    this.account = account;
  }

  /** Notes the new state of a published {@code entity.state_changed} event. */
  public void seen(CloudbusEvent event) {
    if (!"entity.state_changed".equals(event.name())) {
      return;
    }
    JsonObject data = event.data();
    if (data.getValue("entity_id") instanceof String id
        && data.getValue("new_state") instanceof JsonObject state) {
      lastSeen.put(id, state);
    }
  }

  /** The events for what changed since last seen, per a {@code get_states} result. */
  public List<CloudbusEvent> diff(JsonArray states) {
    List<CloudbusEvent> out = new ArrayList<>();
    boolean known = baseline;
    baseline = true;
    for (Object o : states) {
      if (!(o instanceof JsonObject now) || !(now.getValue("entity_id") instanceof String id)) {
        continue;
      }
      JsonObject before = lastSeen.put(id, now);
      if (!known || (before != null && same(before, now))) {
        continue;
      }
      out.add(event(id, before, now));
    }
    return out;
  }

  private static boolean same(JsonObject a, JsonObject b) {
    return Objects.equals(a.getValue("state"), b.getValue("state"))
        && Objects.equals(a.getValue("last_changed"), b.getValue("last_changed"))
        && Objects.equals(a.getValue("attributes"), b.getValue("attributes"));
  }

  private CloudbusEvent event(String entity, JsonObject before, JsonObject now) {
    String changed = now.getValue("last_updated") instanceof String s ? s : "";
    String context =
        now.getValue("context") instanceof JsonObject c && c.getValue("id") instanceof String s
            ? s
            : "state";
    JsonObject data =
        new JsonObject()
            .put("entity_id", entity)
            .put("old_state", before)
            .put("new_state", now)
            .put("catchUp", true)
            .put("raw", now);
    return CloudbusEvent.builder(vendor, account)
        .id(context + ":" + entity + ":" + changed)
        .name("entity.state_changed")
        .subject(entity)
        .time(time(changed))
        .vendorType("state_changed")
        .data(data)
        .build();
  }

  private static Instant time(String s) {
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      return Instant.now();
    }
  }
}
