package io.cloudbus.generic.impl;

import io.cloudbus.core.config.ConfigReader;
import io.cloudbus.generic.VendorProfile.Param;
import io.cloudbus.generic.VendorProfile.ParamType;
import io.cloudbus.generic.VendorProfile.TokenSource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Typed, path-aware reads of profile fields for {@link ProfileParser}, through core's {@link
 * ConfigReader}: each reports a problem as {@code <path>: <problem>} into {@link #errors} and
 * returns a neutral value, so that parsing goes on and every problem of a profile is reported at
 * once. Also checks template variables against the declared parameters and the auth token source.
 * Not thread-safe: one instance per parse.
 */
abstract class ProfileFields {

  final List<String> errors = new ArrayList<>();
  final Map<String, Param> params = new LinkedHashMap<>();
  TokenSource tokenSource = TokenSource.NONE;

  // ---------------------------------------------------------------- field helpers
  // The typed reads go through core's one path-aware reader; errors land in {@link #errors}.

  private ConfigReader reader(JsonObject o, String at) {
    return ConfigReader.of(o, at, errors);
  }

  void error(String path, String problem) {
    errors.add(path + ": " + problem);
  }

  static String join(String parent, String field) {
    return parent.isEmpty() ? field : parent + "." + field;
  }

  void allowOnly(JsonObject o, String at, String... allowed) {
    ConfigReader r = reader(o, at);
    r.allow(allowed);
    r.rejectUnknown(true);
  }

  Object value(JsonObject o, String field, String at, boolean required) {
    Object v = Json.normalize(o.getValue(field));
    if (v == null && required) {
      error(join(at, field), "required");
    }
    return v;
  }

  String string(JsonObject o, String field, String at, boolean required) {
    if (o.getValue(field) != null && !(o.getValue(field) instanceof String)) {
      error(join(at, field), "expected a string");
      return null;
    }
    return reader(o, at).string(field, required);
  }

  boolean bool(JsonObject o, String field, String at, boolean dflt) {
    return reader(o, at).bool(field, dflt);
  }

  long positiveLong(JsonObject o, String field, String at, boolean required) {
    if (value(o, field, at, required) == null) {
      return 0;
    }
    return reader(o, at).integer(field, 0, 1, Long.MAX_VALUE);
  }

  JsonObject object(JsonObject o, String field, String at, boolean required) {
    if (value(o, field, at, required) == null) {
      return null;
    }
    int before = errors.size();
    JsonObject v = reader(o, at).object(field);
    return errors.size() > before ? null : v;
  }

  JsonArray array(JsonObject o, String field, String at, boolean required) {
    if (value(o, field, at, required) == null) {
      return null;
    }
    int before = errors.size();
    JsonArray v = reader(o, at).array(field);
    return errors.size() > before ? null : v;
  }

  JsonObject element(JsonArray a, int i, String at) {
    Object v = Json.normalize(a.getValue(i));
    if (!(v instanceof JsonObject o)) {
      error(at + "[" + i + "]", "must be an object");
      return null;
    }
    return o;
  }

  <E extends Enum<E>> E enumValue(JsonObject o, String field, String at, Class<E> type, E dflt) {
    String s = string(o, field, at, false);
    if (s == null) {
      return dflt;
    }
    try {
      return Enum.valueOf(type, s.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      List<String> names = new ArrayList<>();
      for (E c : type.getEnumConstants()) {
        names.add(c.name().toLowerCase(Locale.ROOT).replace('_', '-'));
      }
      error(join(at, field), "must be one of " + names + ", was '" + s + "'");
      return dflt;
    }
  }

  Matcher matcher(JsonObject o, String field, String at, boolean required) {
    JsonObject spec = object(o, field, at, required);
    if (spec == null) {
      return null;
    }
    try {
      return Matcher.compile(spec);
    } catch (IllegalArgumentException e) {
      error(join(at, field), e.getMessage());
      return null;
    }
  }

  Template template(JsonObject o, String field, String at, boolean required) {
    String s = string(o, field, at, required);
    if (s == null) {
      return null;
    }
    try {
      Template t = Template.compile(s);
      checkVariables(t.variables(), join(at, field));
      return t;
    } catch (IllegalArgumentException e) {
      error(join(at, field), e.getMessage());
      return null;
    }
  }

  JsonTemplate jsonTemplate(JsonObject o, String field, String at, boolean required) {
    Object v = value(o, field, at, required);
    if (v == null) {
      return null;
    }
    try {
      JsonTemplate t = JsonTemplate.compile(v);
      checkVariables(t.variables(), join(at, field));
      return t;
    } catch (IllegalArgumentException e) {
      error(join(at, field), e.getMessage());
      return null;
    }
  }

  String variable(JsonObject o, String field, String at, ParamType type) {
    String name = string(o, field, at, false);
    if (name == null) {
      return null;
    }
    if (!name.startsWith("config.") || !params.containsKey(name.substring(7))) {
      error(join(at, field), "must name a declared parameter as config.<name>, was '" + name + "'");
      return null;
    }
    if (type != null && params.get(name.substring(7)).type() != type) {
      error(join(at, field), "parameter " + name + " must have type " + type.name().toLowerCase());
    }
    return name;
  }

  void checkVariables(List<String> names, String at) {
    for (String name : names) {
      String first = name.split("\\.")[0];
      switch (first) {
        case "vendor", "account", "item" -> {}
        case "token" -> {
          if (tokenSource == TokenSource.NONE) {
            error(at, "${token} is used but auth.token is none");
          }
        }
        case "config" -> {
          String param = name.length() > 7 ? name.substring(7) : "";
          if (!params.containsKey(param)) {
            error(
                at,
                "${" + name + "} names no declared parameter (params: " + params.keySet() + ")");
          }
        }
        default ->
            error(
                at,
                "unknown variable ${"
                    + name
                    + "} (known: token, vendor, account, item, config.<param>, or a JSON pointer)");
      }
    }
  }
}
