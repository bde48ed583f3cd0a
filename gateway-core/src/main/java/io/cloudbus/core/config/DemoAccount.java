package io.cloudbus.core.config;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Objects;

/**
 * How {@code cloudbus demo} makes an account of an adapter against the mock cloud, as data: the
 * mock cloud describes each of its emulations as a JSON object (its URLs and seeded demo
 * credentials, {@code MockCloud.endpoints(vendor)}); the account is {@code fixed} plus, for each
 * entry of {@code fromMock}, the value at a dotted path of that description copied to a dotted path
 * of the account. Immutable.
 *
 * <pre>{@code
 * new DemoAccount("bticino", new JsonObject(),
 *     Map.of("username", "demo.username", "endpoints.tokenUrl", "tokenUrl"))
 * }</pre>
 *
 * @param mockVendor the mock cloud emulation the account talks to (e.g. {@code home-assistant})
 * @param fixed fields the account always has (e.g. {@code {"profile":"pylight","table":"x"}})
 * @param fromMock account path → path in the emulation's description
 */
public record DemoAccount(String mockVendor, JsonObject fixed, Map<String, String> fromMock) {

  /** Copies the inputs (the record is immutable). */
  public DemoAccount {
    Objects.requireNonNull(mockVendor, "mockVendor");
    fixed = fixed == null ? new JsonObject() : fixed.copy();
    fromMock = Map.copyOf(fromMock);
  }

  @Override
  public JsonObject fixed() {
    return fixed.copy();
  }

  /**
   * The account config, without {@code adapter} and {@code account} (the caller adds both).
   *
   * @param mockDescription the emulation's description
   * @throws IllegalStateException naming the path when the description lacks a value
   */
  public JsonObject toAccount(JsonObject mockDescription) {
    JsonObject account = fixed.copy();
    fromMock.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              Object value = get(mockDescription, e.getValue());
              if (value == null) {
                throw new IllegalStateException(
                    "mock cloud " + mockVendor + " describes no " + e.getValue());
              }
              put(account, e.getKey(), value);
            });
    return account;
  }

  private static Object get(JsonObject json, String dotted) {
    Object current = json;
    for (String part : dotted.split("\\.")) {
      if (!(current instanceof JsonObject o)) {
        return null;
      }
      current = o.getValue(part);
    }
    return current;
  }

  private static void put(JsonObject json, String dotted, Object value) {
    String[] parts = dotted.split("\\.");
    JsonObject current = json;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonObject next = current.getJsonObject(parts[i]);
      if (next == null) {
        next = new JsonObject();
        current.put(parts[i], next);
      }
      current = next;
    }
    current.put(parts[parts.length - 1], value);
  }
}
