package io.cloudbus.generic.impl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cloudbus.generic.VendorProfile;
import io.cloudbus.generic.VendorProfile.Auth;
import io.cloudbus.generic.VendorProfile.Command;
import io.cloudbus.generic.VendorProfile.Correlation;
import io.cloudbus.generic.VendorProfile.ErrorRule;
import io.cloudbus.generic.VendorProfile.Ignore;
import io.cloudbus.generic.VendorProfile.Keepalive;
import io.cloudbus.generic.VendorProfile.KeepaliveMode;
import io.cloudbus.generic.VendorProfile.MessageHandshake;
import io.cloudbus.generic.VendorProfile.OAuth2;
import io.cloudbus.generic.VendorProfile.Param;
import io.cloudbus.generic.VendorProfile.ParamType;
import io.cloudbus.generic.VendorProfile.Rule;
import io.cloudbus.generic.VendorProfile.Step;
import io.cloudbus.generic.VendorProfile.TokenSource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and validates a {@link VendorProfile}. Every problem is collected with its field path
 * ({@code mapping[2].match./event: unknown JSON pointer syntax ...}) and all are reported together
 * in one {@link IllegalArgumentException} prefixed with the profile's source. Stateless.
 */
public final class ProfileParser extends ProfileFields {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String NAME = "[A-Za-z0-9_-]+";
  private static final String EVENT_NAME = "[a-z0-9_]+(\\.[a-z0-9_]+)*";

  private final String source;

  private ProfileParser(String source) {
    this.source = source;
  }

  /** Parses YAML (JSON is YAML too) and validates; see {@link VendorProfile#parse}. */
  public static VendorProfile parse(String source, String text) {
    Object tree;
    try {
      tree = YAML.readValue(text, Object.class);
    } catch (Exception e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
      throw new IllegalArgumentException(source + ": not valid YAML or JSON: " + msg, e);
    }
    if (!(Json.normalize(tree) instanceof JsonObject root)) {
      throw new IllegalArgumentException(source + ": a profile must be a YAML/JSON object");
    }
    return new ProfileParser(source).profile(root);
  }

  private VendorProfile profile(JsonObject root) {
    allowOnly(
        root,
        "",
        "vendor",
        "description",
        "params",
        "connection",
        "auth",
        "subscribe",
        "keepalive",
        "correlation",
        "ignore",
        "mapping",
        "unmatched",
        "commands",
        "dedup",
        "socket");
    String vendor = string(root, "vendor", "", true);
    if (vendor != null && !vendor.matches(NAME)) {
      error("vendor", "must use only letters, digits, '-' and '_' (it is part of bus addresses)");
    }
    String description = string(root, "description", "", false);
    params(object(root, "params", "", false));
    JsonObject auth = object(root, "auth", "", false);
    Auth authModel = auth(auth == null ? new JsonObject() : auth);
    JsonObject connection = object(root, "connection", "", true);
    Template url = null;
    Map<String, Template> headers = new LinkedHashMap<>();
    if (connection != null) {
      allowOnly(connection, "connection", "url", "headers");
      url = template(connection, "url", "connection", true);
      JsonObject h = object(connection, "headers", "connection", false);
      if (h != null) {
        for (String name : h.fieldNames()) {
          Template t = template(h, name, "connection.headers", true);
          if (t != null) {
            headers.put(name, t);
          }
        }
      }
    }
    List<Step> subscribe = new ArrayList<>();
    JsonArray steps = array(root, "subscribe", "", false);
    for (int i = 0; steps != null && i < steps.size(); i++) {
      JsonObject s = element(steps, i, "subscribe");
      if (s != null) {
        subscribe.add(step(s, "subscribe[" + i + "]"));
      }
    }
    Correlation correlation = correlation(object(root, "correlation", "", false));
    for (Step s : subscribe) {
      if (s.correlated() && correlation == null) {
        error("subscribe", "a correlated step needs a 'correlation' section");
      }
    }
    Keepalive keepalive = keepalive(object(root, "keepalive", "", false));
    List<Ignore> ignore = new ArrayList<>();
    JsonArray ig = array(root, "ignore", "", false);
    for (int i = 0; ig != null && i < ig.size(); i++) {
      String at = "ignore[" + i + "]";
      JsonObject o = element(ig, i, "ignore");
      if (o != null) {
        allowOnly(o, at, "match", "reason");
        ignore.add(new Ignore(matcher(o, "match", at, true), string(o, "reason", at, false)));
      }
    }
    List<Rule> mapping = new ArrayList<>();
    JsonArray rules = array(root, "mapping", "", true);
    for (int i = 0; rules != null && i < rules.size(); i++) {
      JsonObject o = element(rules, i, "mapping");
      if (o != null) {
        mapping.add(rule(o, "mapping[" + i + "]", true));
      }
    }
    JsonObject un = object(root, "unmatched", "", false);
    Rule unmatched =
        un == null
            ? new Rule(
                Matcher.any(), "unmapped", null, JsonPointer.parse(""), null, null, null, null)
            : rule(un, "unmatched", false);
    Map<String, Command> commands = commands(object(root, "commands", "", false));
    String dedupText = string(root, "dedup", "", false);
    VendorProfile.Dedup dedup = VendorProfile.Dedup.CONTENT;
    if ("none".equals(dedupText)) {
      dedup = VendorProfile.Dedup.NONE;
    } else if (dedupText != null && !"content".equals(dedupText)) {
      error("dedup", "must be none or content");
    }
    JsonObject socketDefaults = object(root, "socket", "", false);
    if (socketDefaults != null) {
      try {
        io.cloudbus.core.CloudSocketOptions.fromJson(
            socketDefaults.copy().put("vendor", "v").put("account", "a"));
      } catch (RuntimeException e) {
        error("socket", e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(source + ": " + String.join("; " + source + ": ", errors));
    }
    return new VendorProfile(
        source,
        vendor,
        description,
        Map.copyOf(params),
        url,
        Map.copyOf(headers),
        authModel,
        List.copyOf(subscribe),
        keepalive,
        correlation,
        List.copyOf(ignore),
        List.copyOf(mapping),
        unmatched,
        Map.copyOf(commands),
        dedup,
        socketDefaults == null ? new JsonObject() : socketDefaults.copy());
  }

  private void params(JsonObject p) {
    if (p == null) {
      return;
    }
    for (String name : p.fieldNames()) {
      String at = "params." + name;
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        error(at, "a parameter name must be a Java-like identifier");
        continue;
      }
      JsonObject o = object(p, name, "params", true);
      if (o == null) {
        continue;
      }
      allowOnly(o, at, "type", "required", "secret", "default", "description");
      ParamType type = enumValue(o, "type", at, ParamType.class, ParamType.STRING);
      params.put(
          name,
          new Param(
              name,
              type,
              bool(o, "required", at, false),
              bool(o, "secret", at, false),
              o.getValue("default")));
    }
  }

  private Auth auth(JsonObject a) {
    String at = "auth";
    allowOnly(a, at, "token", "tokenParam", "oauth2", "header", "handshake");
    tokenSource = enumValue(a, "token", at, TokenSource.class, TokenSource.NONE);
    String tokenParam = string(a, "tokenParam", at, false);
    if (tokenParam == null) {
      tokenParam = "token";
    }
    if (tokenSource == TokenSource.STATIC && !params.containsKey(tokenParam)) {
      error(
          at + ".tokenParam", "static token param '" + tokenParam + "' is not declared in params");
    }
    OAuth2 oauth2 = null;
    JsonObject o = object(a, "oauth2", at, tokenSource == TokenSource.OAUTH2);
    if (o != null) {
      String ot = at + ".oauth2";
      allowOnly(
          o, ot, "grant", "tokenUrl", "clientId", "clientSecret", "username", "password", "scope");
      String grant = string(o, "grant", ot, true);
      if (grant != null && !List.of("password", "client_credentials").contains(grant)) {
        error(ot + ".grant", "must be password or client_credentials, was " + grant);
      }
      boolean pw = "password".equals(grant);
      oauth2 =
          new OAuth2(
              grant,
              template(o, "tokenUrl", ot, true),
              template(o, "clientId", ot, true),
              template(o, "clientSecret", ot, false),
              template(o, "username", ot, pw),
              template(o, "password", ot, pw),
              template(o, "scope", ot, false));
    }
    Template header = template(a, "header", at, false);
    MessageHandshake handshake = null;
    JsonObject h = object(a, "handshake", at, false);
    if (h != null) {
      String ht = at + ".handshake";
      allowOnly(h, ht, "expect", "send", "success", "failure", "reason");
      handshake =
          new MessageHandshake(
              matcher(h, "expect", ht, false),
              jsonTemplate(h, "send", ht, true),
              matcher(h, "success", ht, true),
              matcher(h, "failure", ht, false),
              template(h, "reason", ht, false));
    }
    return new Auth(tokenSource, tokenParam, oauth2, header, handshake);
  }

  private Step step(JsonObject s, String at) {
    allowOnly(s, at, "message", "correlated", "expect", "forEach", "when", "unless");
    String forEach = variable(s, "forEach", at, ParamType.LIST);
    return new Step(
        jsonTemplate(s, "message", at, true),
        bool(s, "correlated", at, false),
        matcher(s, "expect", at, false),
        forEach,
        variable(s, "when", at, null),
        variable(s, "unless", at, null));
  }

  private Correlation correlation(JsonObject c) {
    if (c == null) {
      return null;
    }
    String at = "correlation";
    allowOnly(c, at, "idField", "reply", "error");
    String idField = string(c, "idField", at, true);
    ErrorRule error = null;
    JsonObject e = object(c, "error", at, false);
    if (e != null) {
      allowOnly(e, at + ".error", "when", "code", "message");
      error =
          new ErrorRule(
              matcher(e, "when", at + ".error", true),
              template(e, "code", at + ".error", true),
              template(e, "message", at + ".error", false));
    }
    return new Correlation(idField, matcher(c, "reply", at, true), error);
  }

  private Keepalive keepalive(JsonObject k) {
    if (k == null) {
      return new Keepalive(KeepaliveMode.NONE, 0, 0, null, null);
    }
    String at = "keepalive";
    allowOnly(k, at, "mode", "intervalMs", "timeoutMs", "message", "reply");
    KeepaliveMode mode = enumValue(k, "mode", at, KeepaliveMode.class, KeepaliveMode.NONE);
    boolean active = mode != KeepaliveMode.NONE;
    long interval = positiveLong(k, "intervalMs", at, active);
    long timeout = positiveLong(k, "timeoutMs", at, active);
    boolean msg = mode == KeepaliveMode.MESSAGE;
    return new Keepalive(
        mode, interval, timeout, jsonTemplate(k, "message", at, msg), matcher(k, "reply", at, msg));
  }

  private Rule rule(JsonObject o, String at, boolean needsMatch) {
    allowOnly(o, at, "match", "name", "id", "hashOf", "subject", "time", "vendorType", "data");
    Matcher match = needsMatch ? matcher(o, "match", at, true) : Matcher.any();
    String name = string(o, "name", at, needsMatch);
    if (name == null && !needsMatch) {
      name = "unmapped";
    }
    if (name != null && !name.matches(EVENT_NAME)) {
      error(at + ".name", "an event name is lower-case words joined by '.', was '" + name + "'");
    }
    JsonPointer hashOf = JsonPointer.parse("");
    String h = string(o, "hashOf", at, false);
    if (h != null) {
      try {
        hashOf = JsonPointer.parse(h);
      } catch (IllegalArgumentException e) {
        error(at + ".hashOf", e.getMessage());
      }
    }
    JsonTemplate data = null;
    if (o.containsKey("data") && !(Json.normalize(o.getValue("data")) instanceof JsonObject)) {
      error(at + ".data", "must be an object of field templates");
    } else {
      data = jsonTemplate(o, "data", at, false);
    }
    return new Rule(
        match,
        name,
        template(o, "id", at, false),
        hashOf,
        template(o, "subject", at, false),
        template(o, "time", at, false),
        template(o, "vendorType", at, false),
        data);
  }

  private Map<String, Command> commands(JsonObject c) {
    Map<String, Command> out = new LinkedHashMap<>();
    if (c == null) {
      return out;
    }
    for (String name : c.fieldNames()) {
      String at = "commands." + name;
      if (!name.matches("[a-z_][a-z0-9_]*") || name.equals("send")) {
        error(at, "a command name is lower_snake_case and not 'send' (built in)");
      }
      JsonObject o = object(c, name, "commands", true);
      if (o == null) {
        continue;
      }
      allowOnly(o, at, "message", "required");
      List<JsonPointer> required = new ArrayList<>();
      JsonArray r = array(o, "required", at, false);
      for (int i = 0; r != null && i < r.size(); i++) {
        try {
          required.add(JsonPointer.parse(String.valueOf(r.getValue(i))));
        } catch (IllegalArgumentException e) {
          error(at + ".required[" + i + "]", e.getMessage());
        }
      }
      out.put(name, new Command(name, jsonTemplate(o, "message", at, true), List.copyOf(required)));
    }
    return out;
  }
}
