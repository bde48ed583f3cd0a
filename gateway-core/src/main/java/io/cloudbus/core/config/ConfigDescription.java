package io.cloudbus.core.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * What an adapter declares about its account configuration (openHAB's {@code ConfigDescription}):
 * the {@code adapter} value that selects it, the vendor names its sockets publish under, its
 * account fields beyond the common ones, its extra {@code socket} fields, its shipped profiles and
 * how the demo makes an account of it against the mock cloud. The command line validates accounts
 * against it, the service accepts its vendor names as {@code /ws/{vendor}}, and the demo creates
 * its {@link DemoAccount}s; none of them knows any adapter by name. Immutable.
 *
 * <p>Every account has the {@link #COMMON_FIELDS} {@code adapter}, {@code account} and {@code
 * socket} ({@code CloudSocketOptions} fields plus {@link #socketFields()}); {@link #fields()} are
 * the rest.
 *
 * @param adapter the {@code adapter} value ({@code AdapterProvider.name()})
 * @param vendors the vendor names of its events and statuses (e.g. the generic adapter's shipped
 *     profiles {@code home-assistant}, {@code pylight}); more may appear at run time
 * @param fields the adapter's own account fields
 * @param socketFields {@code socket} fields beyond {@code CloudSocketOptions}'
 * @param profiles the names of shipped profiles (the generic adapter), else empty
 * @param demoAccounts the accounts {@code cloudbus demo} creates against the mock cloud
 * @param open true when the fields are not fully declared: unknown fields are then not errors
 */
public record ConfigDescription(
    String adapter,
    List<String> vendors,
    List<ConfigField> fields,
    List<ConfigField> socketFields,
    List<String> profiles,
    List<DemoAccount> demoAccounts,
    boolean open) {

  /** The fields every account has, whatever its adapter. */
  public static final List<String> COMMON_FIELDS = List.of("adapter", "account", "socket");

  /** Validates the adapter name and copies the lists. */
  public ConfigDescription {
    if (adapter == null || adapter.isBlank()) {
      throw new IllegalArgumentException("adapter: required");
    }
    vendors = List.copyOf(vendors);
    fields = List.copyOf(fields);
    socketFields = List.copyOf(socketFields);
    profiles = List.copyOf(profiles);
    demoAccounts = List.copyOf(demoAccounts);
    for (ConfigField f : fields) {
      if (COMMON_FIELDS.contains(f.name())) {
        throw new IllegalArgumentException("fields: " + f.name() + " is a common field");
      }
    }
  }

  /** An adapter {@code adapter} whose vendor has the same name, with these account fields. */
  public static ConfigDescription of(String adapter, ConfigField... fields) {
    return new ConfigDescription(
        adapter, List.of(adapter), List.of(fields), List.of(), List.of(), List.of(), false);
  }

  /**
   * The description of an adapter that declares nothing: its name only; unknown fields are left to
   * the adapter itself.
   */
  public static ConfigDescription undescribed(String adapter) {
    return new ConfigDescription(
        adapter, List.of(adapter), List.of(), List.of(), List.of(), List.of(), true);
  }

  public ConfigDescription withVendors(String... vendors) {
    return new ConfigDescription(
        adapter, List.of(vendors), fields, socketFields, profiles, demoAccounts, open);
  }

  public ConfigDescription withFields(List<ConfigField> fields) {
    return new ConfigDescription(
        adapter, vendors, fields, socketFields, profiles, demoAccounts, open);
  }

  public ConfigDescription withSocketFields(ConfigField... socketFields) {
    return new ConfigDescription(
        adapter, vendors, fields, List.of(socketFields), profiles, demoAccounts, open);
  }

  public ConfigDescription withProfiles(String... profiles) {
    return new ConfigDescription(
        adapter, vendors, fields, socketFields, List.of(profiles), demoAccounts, open);
  }

  public ConfigDescription withDemoAccounts(DemoAccount... demoAccounts) {
    return new ConfigDescription(
        adapter, vendors, fields, socketFields, profiles, List.of(demoAccounts), open);
  }

  /** The declared field {@code name}, or null. */
  public ConfigField field(String name) {
    Objects.requireNonNull(name, "name");
    return fields.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
  }

  /**
   * Checks an account's adapter fields (not {@code adapter}, {@code account}, {@code socket}): each
   * declared field by its type, and, unless {@link #open()}, no undeclared one.
   *
   * @param account a reader of the account object, e.g. at {@code accounts[2]}
   * @return the account with string-typed numbers and booleans converted
   */
  public JsonObject check(ConfigReader account) {
    JsonObject normalized = account.check(fields);
    account.allow(COMMON_FIELDS.toArray(String[]::new));
    if (!open) {
      account.rejectUnknown();
    }
    return normalized;
  }

  /** For tools and docs: {@code {adapter, vendors, fields, socketFields, profiles, open}}. */
  public JsonObject toJson() {
    JsonArray f = new JsonArray();
    fields.forEach(x -> f.add(x.toJson()));
    JsonArray s = new JsonArray();
    socketFields.forEach(x -> s.add(x.toJson()));
    return new JsonObject()
        .put("adapter", adapter)
        .put("vendors", new JsonArray(vendors))
        .put("fields", f)
        .put("socketFields", s)
        .put("profiles", new JsonArray(profiles))
        .put("open", open);
  }
}
