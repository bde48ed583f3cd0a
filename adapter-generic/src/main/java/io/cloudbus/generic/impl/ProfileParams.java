package io.cloudbus.generic.impl;

import io.cloudbus.generic.VendorProfile;
import io.cloudbus.generic.VendorProfile.Param;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a profile's declared parameters from an account configuration: defaults applied, types
 * checked, required ones present. Errors name the field ({@code accounts[home].token: required by
 * profile home-assistant}) and never show a value.
 */
public final class ProfileParams {

  private ProfileParams() {}

  /**
   * @param label prefix of error paths, e.g. {@code accounts[home]}
   * @return the {@code config} variable object: one member per declared parameter that has a value
   * @throws IllegalArgumentException listing every problem
   */
  public static JsonObject resolve(VendorProfile profile, JsonObject accountConfig, String label) {
    JsonObject out = new JsonObject();
    List<String> errors = new ArrayList<>();
    for (Param p : profile.params().values()) {
      Object v = Json.normalize(accountConfig.getValue(p.name()));
      if (v == null) {
        v = Json.normalize(p.defaultValue());
      }
      String at = label + "." + p.name();
      if (v == null) {
        if (p.required()) {
          errors.add(at + ": required by profile " + profile.vendor());
        }
        continue;
      }
      String problem =
          switch (p.type()) {
            case STRING ->
                v instanceof String s && !s.isBlank() ? null : "must be a non-empty string";
            case LIST -> listProblem(v);
            case BOOLEAN -> v instanceof Boolean ? null : "must be true or false";
            case NUMBER -> v instanceof Number ? null : "must be a number";
          };
      if (problem != null) {
        errors.add(at + ": " + problem);
      } else {
        out.put(p.name(), v);
      }
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", errors));
    }
    return out;
  }

  private static String listProblem(Object v) {
    if (!(v instanceof JsonArray a)) {
      return "must be a list of strings";
    }
    for (Object item : a) {
      if (!(item instanceof String s) || s.isBlank()) {
        return "must be a list of non-empty strings";
      }
    }
    return null;
  }

  /** Whether a variable value counts as set: not null, not false, not an empty string or list. */
  public static boolean truthy(Object v) {
    v = Json.normalize(v);
    return v != null
        && !Boolean.FALSE.equals(v)
        && !(v instanceof String s && s.isEmpty())
        && !(v instanceof JsonArray a && a.isEmpty());
  }

  /** The value of a dotted variable ({@code config.eventTypes}) in {@code vars}, or null. */
  public static Object variable(JsonObject vars, String dotted) {
    Object current = vars;
    for (String part : dotted.split("\\.")) {
      if (!(current instanceof JsonObject o)) {
        return null;
      }
      current = Json.normalize(o.getValue(part));
    }
    return current;
  }
}
