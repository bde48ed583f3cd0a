package io.cloudbus.core.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * One configuration field an adapter reads: name, type, whether it is required or secret, its
 * default and a one-line description (openHAB's {@code ConfigDescriptionParameter}). Immutable;
 * built with a static factory per type and refined with the {@code with*}/{@link
 * #asRequired()}/{@link #asSecret()} copies:
 *
 * <pre>{@code
 * ConfigField.string("refreshToken", "the refresh token from cloudbus login").asSecret()
 * ConfigField.integer("refreshMarginMs", "refresh this long before expiry").withRange(0, MAX)
 * ConfigField.object("endpoints", "vendor URLs", ConfigField.url("socketUrl", "push socket", "ws"))
 * }</pre>
 *
 * @param name the JSON field name
 * @param type how the value is read and checked
 * @param required whether an account must set it
 * @param secret whether the value is a secret (never shown; tools mask it)
 * @param defaultValue the value used when absent, or null (documentation: the adapter applies it)
 * @param description one line for humans
 * @param min the smallest value ({@link FieldType#INTEGER})
 * @param max the largest value ({@link FieldType#INTEGER})
 * @param schemes the URL schemes accepted ({@link FieldType#URL}), e.g. {@code ws, wss}
 * @param fields the nested fields ({@link FieldType#OBJECT}); empty = any content
 */
public record ConfigField(
    String name,
    FieldType type,
    boolean required,
    boolean secret,
    Object defaultValue,
    String description,
    long min,
    long max,
    List<String> schemes,
    List<ConfigField> fields) {

  /** Validates the name and copies the lists. */
  public ConfigField {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name: required");
    }
    Objects.requireNonNull(type, "type");
    description = description == null ? "" : description;
    if (min > max) {
      throw new IllegalArgumentException(name + ": min " + min + " exceeds max " + max);
    }
    schemes = List.copyOf(schemes);
    fields = List.copyOf(fields);
  }

  private static ConfigField of(String name, FieldType type, String description) {
    return new ConfigField(
        name,
        type,
        false,
        false,
        null,
        description,
        Long.MIN_VALUE,
        Long.MAX_VALUE,
        List.of(),
        List.of());
  }

  public static ConfigField string(String name, String description) {
    return of(name, FieldType.STRING, description);
  }

  /** A whole number, unbounded until {@link #withRange}. */
  public static ConfigField integer(String name, String description) {
    return of(name, FieldType.INTEGER, description);
  }

  public static ConfigField number(String name, String description) {
    return of(name, FieldType.NUMBER, description);
  }

  public static ConfigField bool(String name, String description) {
    return of(name, FieldType.BOOLEAN, description);
  }

  public static ConfigField list(String name, String description) {
    return of(name, FieldType.LIST, description);
  }

  /** An absolute URL with one of {@code schemes} (e.g. {@code "http", "https"}). */
  public static ConfigField url(String name, String description, String... schemes) {
    if (schemes.length == 0) {
      throw new IllegalArgumentException(name + ": a URL field needs at least one scheme");
    }
    return new ConfigField(
        name,
        FieldType.URL,
        false,
        false,
        null,
        description,
        Long.MIN_VALUE,
        Long.MAX_VALUE,
        List.of(schemes),
        List.of());
  }

  /** An object with the given nested fields (none: any content). */
  public static ConfigField object(String name, String description, ConfigField... fields) {
    return new ConfigField(
        name,
        FieldType.OBJECT,
        false,
        false,
        null,
        description,
        Long.MIN_VALUE,
        Long.MAX_VALUE,
        List.of(),
        List.of(fields));
  }

  /** This field, required. */
  public ConfigField asRequired() {
    return new ConfigField(
        name, type, true, secret, defaultValue, description, min, max, schemes, fields);
  }

  /** This field, a secret. */
  public ConfigField asSecret() {
    return new ConfigField(
        name, type, required, true, defaultValue, description, min, max, schemes, fields);
  }

  /** This field with a documented default. */
  public ConfigField withDefault(Object value) {
    return new ConfigField(
        name, type, required, secret, value, description, min, max, schemes, fields);
  }

  /** This integer field limited to {@code [min, max]}. */
  public ConfigField withRange(long min, long max) {
    return new ConfigField(
        name, type, required, secret, defaultValue, description, min, max, schemes, fields);
  }

  /** For tools and docs: {@code {name, type, required, secret, default?, description, ...}}. */
  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("name", name)
            .put("type", type.name().toLowerCase(java.util.Locale.ROOT))
            .put("required", required)
            .put("secret", secret)
            .put("description", description);
    if (defaultValue != null) {
      json.put("default", defaultValue);
    }
    if (type == FieldType.INTEGER && min != Long.MIN_VALUE) {
      json.put("min", min);
    }
    if (type == FieldType.INTEGER && max != Long.MAX_VALUE) {
      json.put("max", max);
    }
    if (!schemes.isEmpty()) {
      json.put("schemes", new JsonArray(schemes));
    }
    if (!fields.isEmpty()) {
      JsonArray nested = new JsonArray();
      fields.forEach(f -> nested.add(f.toJson()));
      json.put("fields", nested);
    }
    return json;
  }
}
