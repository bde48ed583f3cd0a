package io.cloudbus.service;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One API token of the service: only its SHA-256 hash is kept, with its roles and an optional
 * display name for logs. Immutable. Configured as {@code {"token":"plain"}} or {@code
 * {"tokenSha256":"<64 hex>"}}, plus {@code "roles":["read","command"]} (default {@code ["read"]})
 * and {@code "name"}, and optionally {@code "commands":["disarm","unlock_door"]}: the only actions
 * a {@code command} token may send (absent = every action; names are not checked against the
 * adapters, whose actions are only known once an account runs, so a misspelt name simply never
 * matches). {@link #toJson()} writes the hash, never a plain token.
 */
public final class ApiToken {

  private final String name;
  private final byte[] sha256;
  private final Set<Role> roles;
  private final Set<String> commands;

  private ApiToken(String name, byte[] sha256, Set<Role> roles) {
    this(name, sha256, roles, null);
  }

  private ApiToken(String name, byte[] sha256, Set<Role> roles, Set<String> commands) {
    this.name = name;
    this.commands =
        commands == null
            ? null
            : java.util.Collections.unmodifiableSet(new LinkedHashSet<>(commands));
    this.sha256 = sha256;
    EnumSet<Role> r = roles.isEmpty() ? EnumSet.of(Role.READ) : EnumSet.copyOf(roles);
    if (r.contains(Role.COMMAND)) {
      r.add(Role.READ);
    }
    this.roles = Set.copyOf(r);
  }

  /**
   * This token limited to {@code actions} (null: every action). Each name is an action name (lower
   * case, digits, {@code _}); throws {@link IllegalArgumentException} naming {@code commands}.
   */
  public ApiToken withCommands(Set<String> actions) {
    if (actions != null) {
      for (String a : actions) {
        if (a == null || !a.matches(ACTION)) {
          throw new IllegalArgumentException(
              "commands: an action name is lower case letters, digits and _, was " + a);
        }
      }
    }
    return new ApiToken(name, sha256, roles, actions);
  }

  private static final String ACTION = "[a-z][a-z0-9_]{0,63}";

  /**
   * The actions this token may send, in the configured order; null when it may send every action
   * (the default).
   */
  public Set<String> commands() {
    return commands;
  }

  /** Whether this token may send {@code action} (a {@code command} role is needed besides). */
  public boolean allowsAction(String action) {
    return commands == null || commands.contains(action);
  }

  /** A token from its plain value (hashed at once; the plain value is not kept). */
  public static ApiToken ofPlain(String name, String token, Set<Role> roles) {
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException("token must not be empty");
    }
    return new ApiToken(name, sha256(token), roles);
  }

  /** A token from the hex SHA-256 of its value. */
  public static ApiToken ofSha256(String name, String sha256Hex, Set<Role> roles) {
    if (sha256Hex == null || !sha256Hex.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException("tokenSha256 must be 64 hex digits");
    }
    return new ApiToken(name, HexFormat.of().parseHex(sha256Hex.toLowerCase(Locale.ROOT)), roles);
  }

  /**
   * Reads one token entry; throws {@link IllegalArgumentException} naming the field (never the
   * value).
   */
  public static ApiToken fromJson(JsonObject json) {
    Objects.requireNonNull(json, "token entry");
    Set<Role> roles = EnumSet.noneOf(Role.class);
    Object rawRoles = json.getValue("roles");
    if (rawRoles != null) {
      if (!(rawRoles instanceof JsonArray array)) {
        throw new IllegalArgumentException("roles must be an array of read/command");
      }
      for (Object r : array) {
        roles.add(Role.fromWireName(String.valueOf(r)));
      }
    }
    Object name = json.getValue("name");
    if (name != null && !(name instanceof String)) {
      throw new IllegalArgumentException("name must be a string");
    }
    Object plain = json.getValue("token");
    Object hash = json.getValue("tokenSha256");
    if ((plain == null) == (hash == null)) {
      throw new IllegalArgumentException("exactly one of token or tokenSha256 is required");
    }
    Set<String> commands = null;
    Object rawCommands = json.getValue("commands");
    if (rawCommands != null) {
      if (!(rawCommands instanceof JsonArray array)) {
        throw new IllegalArgumentException("commands must be an array of action names");
      }
      commands = new LinkedHashSet<>();
      for (Object c : array) {
        commands.add(c instanceof String s ? s : String.valueOf(c));
      }
    }
    ApiToken token;
    if (plain != null) {
      if (!(plain instanceof String p)) {
        throw new IllegalArgumentException("token must be a string");
      }
      token = ofPlain((String) name, p, roles);
    } else {
      if (!(hash instanceof String h)) {
        throw new IllegalArgumentException("tokenSha256 must be a string");
      }
      token = ofSha256((String) name, h, roles);
    }
    return commands == null ? token : token.withCommands(commands);
  }

  /** The JSON form with the hash ({@code tokenSha256}), never the plain token. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    if (name != null) {
      json.put("name", name);
    }
    JsonArray r = new JsonArray();
    for (Role role : Role.values()) {
      if (roles.contains(role)) {
        r.add(role.wireName());
      }
    }
    json.put("tokenSha256", HexFormat.of().formatHex(sha256)).put("roles", r);
    if (commands != null) {
      json.put("commands", new JsonArray(new java.util.ArrayList<>(commands)));
    }
    return json;
  }

  /** A display name for logs, or null. */
  public String name() {
    return name;
  }

  public Set<Role> roles() {
    return roles;
  }

  public boolean hasRole(Role role) {
    return roles.contains(role);
  }

  /** Whether {@code presented} is this token, in time independent of where they differ. */
  public boolean matches(byte[] presentedSha256) {
    return MessageDigest.isEqual(sha256, presentedSha256);
  }

  /** SHA-256 of the UTF-8 bytes of {@code value}. */
  public static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApiToken t
        && MessageDigest.isEqual(sha256, t.sha256)
        && roles.equals(t.roles)
        && Objects.equals(commands, t.commands)
        && Objects.equals(name, t.name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, roles);
  }

  @Override
  public String toString() {
    return "ApiToken["
        + (name == null ? "unnamed" : name)
        + ", roles="
        + roles
        + (commands == null ? "" : ", commands=" + commands)
        + "]";
  }
}
