package io.cloudbus.cli.config;

import io.cloudbus.core.config.ConfigReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code service.tokens} list: each entry an object with an optional {@code name}, exactly one
 * of {@code token} (non-empty, not repeated) or {@code tokenSha256} (64 hex digits), and {@code
 * roles} among {@link #ROLES} (default {@code [read]}), and for a {@code command} token an optional
 * {@code commands} list of the action names it may send (absent = every action). Action names are
 * checked for their form only: which actions exist is known once an account runs (a generic profile
 * declares its own), so a name no adapter declares is accepted and simply never matches. Problems
 * are added to the validator's error list, each naming its entry.
 */
final class TokensSection {

  /** The roles a token may have. */
  static final Set<String> ROLES = Set.of("read", "command");

  private TokensSection() {}

  /**
   * @return the valid entries as the service's {@code tokens} JSON
   */
  static JsonArray parse(JsonArray array, String path, List<String> errors) {
    JsonArray tokens = new JsonArray();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String p = path + "[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject json)) {
        errors.add(p + ": expected an object {token, roles}");
        continue;
      }
      ConfigReader t = ConfigReader.of(json, p, errors);
      JsonObject token = new JsonObject();
      String name = t.string("name", false);
      if (name != null) {
        token.put("name", name);
      }
      String plain = t.string("token", false);
      String hash = t.string("tokenSha256", false);
      if ((plain == null) == (hash == null)) {
        t.error("token", "required (or tokenSha256, not both)");
      } else if (plain != null) {
        if (plain.isEmpty()) {
          t.error("token", "required (empty)");
        } else if (!seen.add(plain)) {
          t.error("token", "duplicate of an earlier token");
        }
        token.put("token", plain);
      } else if (!hash.matches("[0-9a-fA-F]{64}")) {
        t.error("tokenSha256", "expected 64 hex digits");
      } else {
        token.put("tokenSha256", hash);
      }
      JsonArray roles = new JsonArray();
      JsonArray rolesJson = t.has("roles") ? t.array("roles") : new JsonArray().add("read");
      for (int r = 0; r < rolesJson.size(); r++) {
        Object role = rolesJson.getValue(r);
        if (role instanceof String n && ROLES.contains(n)) {
          roles.add(n);
        } else {
          errors.add(t.path("roles") + "[" + r + "]: unknown role (use read or command)");
        }
      }
      if (t.has("commands")) {
        token.put("commands", commands(t, roles, errors));
      }
      t.rejectUnknown();
      tokens.add(token.put("roles", roles));
    }
    return tokens;
  }

  private static JsonArray commands(ConfigReader t, JsonArray roles, List<String> errors) {
    JsonArray out = new JsonArray();
    if (!roles.contains("command")) {
      t.error("commands", "only for a token with the command role");
    }
    JsonArray list = t.array("commands");
    for (int c = 0; c < list.size(); c++) {
      if (list.getValue(c) instanceof String a && a.matches(ACTION)) {
        out.add(a);
      } else {
        errors.add(
            t.path("commands")
                + "["
                + c
                + "]: expected an action name such as disarm or unlock_door");
      }
    }
    return out;
  }

  private static final String ACTION = "[a-z][a-z0-9_]{0,63}";
}
