package io.cloudbus.core;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * The live state of one account's devices, as its adapter reads it from the vendor (at connect and
 * after every reconnect) and keeps it current from events and command results. Each change of a
 * device's {@code state} is published as an {@code io.cloudbus.device.changed} event (subject the
 * device id, {@code data: {device, type, name, old, new}}); an update that changes nothing
 * publishes nothing. Bounded: at most {@value #MAX_DEVICES} devices per account (further ones are
 * ignored).
 *
 * <p>A device is {@code {id, vendor, account, localId, type, name, state, updated}} where {@code
 * id} is {@code <vendor>:<account>:<localId>} and {@code type} one of {@code alarm}, {@code lock},
 * {@code light}, {@code sensor}, {@code bridge}, {@code entity}, ... Threading: the socket's
 * context only (hooks, event and command handlers run there).
 */
public final class DeviceRegistry {

  /** More devices than any home has; a hostile vendor answer cannot grow this without bound. */
  public static final int MAX_DEVICES = 2_000;

  private final String vendor;
  private final String account;
  private final Function<List<CloudbusEvent>, Future<Void>> publisher;
  private final Map<String, JsonObject> devices = new LinkedHashMap<>();

  /**
   * @param publisher publishes the {@code device.changed} events (the socket's pipeline)
   */
  public DeviceRegistry(
      String vendor, String account, Function<List<CloudbusEvent>, Future<Void>> publisher) {
    this.vendor = Objects.requireNonNull(vendor, "vendor");
    this.account = Objects.requireNonNull(account, "account");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
  }

  /** The device id of {@code localId} on this account. */
  public String idOf(String localId) {
    return vendor + ":" + account + ":" + localId;
  }

  /**
   * Sets the whole state of a device (created when new). Publishes {@code device.changed} when the
   * state differs from the one kept.
   *
   * @return whether anything changed
   */
  public boolean put(String localId, String type, String name, JsonObject state) {
    return apply(localId, type, name, state, false);
  }

  /**
   * Merges {@code fields} into a known device's state; unknown devices are ignored (an event about
   * a device that the last refresh did not list).
   *
   * @return whether anything changed
   */
  public boolean merge(String localId, JsonObject fields) {
    JsonObject device = devices.get(idOf(localId));
    if (device == null) {
      return false;
    }
    return apply(localId, device.getString("type"), device.getString("name"), fields, true);
  }

  private static boolean holdsAll(JsonObject state, JsonObject fields) {
    for (String key : fields.fieldNames()) {
      if (!state.containsKey(key)
          || !java.util.Objects.equals(state.getValue(key), fields.getValue(key))) {
        return false;
      }
    }
    return true;
  }

  private boolean apply(
      String localId, String type, String name, JsonObject state, boolean mergeIn) {
    String id = idOf(localId);
    JsonObject device = devices.get(id);
    if (device == null && devices.size() >= MAX_DEVICES) {
      return false;
    }
    JsonObject old = device == null ? null : device.getJsonObject("state");
    if (mergeIn && old != null && holdsAll(old, state)) {
      return false; // the usual push repeats a known state: no copy, no comparison of copies
    }
    JsonObject next = mergeIn && old != null ? old.copy().mergeIn(state) : state.copy();
    if (next.equals(old)) {
      return false;
    }
    Instant now = Instant.now();
    JsonObject updated =
        new JsonObject()
            .put("id", id)
            .put("vendor", vendor)
            .put("account", account)
            .put("localId", localId)
            .put("type", type)
            .put("name", name == null ? localId : name)
            .put("state", next)
            .put("updated", now.toString());
    devices.put(id, updated);
    JsonObject data =
        new JsonObject()
            .put("device", id)
            .put("type", type)
            .put("name", updated.getString("name"))
            .put("old", old == null ? null : old.copy())
            .put("new", next.copy());
    CloudbusEvent event =
        CloudbusEvent.builder(vendor, account)
            .id("device-" + UUID.randomUUID())
            .name(EventTypes.DEVICE_CHANGED)
            .subject(id)
            .time(now)
            .vendorType("device")
            .data(data)
            .build();
    publisher.apply(List.of(event));
    return true;
  }

  /** The device with this id ({@code <vendor>:<account>:<localId>}), a copy, or null. */
  public JsonObject get(String id) {
    JsonObject d = devices.get(id);
    return d == null ? null : d.copy();
  }

  /** The state of {@code localId} (a copy), or null. */
  public JsonObject stateOf(String localId) {
    JsonObject d = devices.get(idOf(localId));
    return d == null ? null : d.getJsonObject("state").copy();
  }

  /** Every device, in the order first seen (copies). */
  public JsonArray snapshot() {
    List<Object> out = new ArrayList<>();
    devices.values().forEach(d -> out.add(d.copy()));
    return new JsonArray(out);
  }

  /** The number of devices. */
  public int size() {
    return devices.size();
  }
}
