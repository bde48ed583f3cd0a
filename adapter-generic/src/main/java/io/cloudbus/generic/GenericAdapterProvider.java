package io.cloudbus.generic;

import io.cloudbus.core.AdapterProvider;
import io.cloudbus.core.AuthHandler;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudSocketOptions;
import io.cloudbus.core.TokenStore;
import io.cloudbus.core.auth.AuthOptions;
import io.cloudbus.core.config.ConfigDescription;
import io.cloudbus.core.config.ConfigField;
import io.cloudbus.core.config.ConfigReader;
import io.cloudbus.core.config.DemoAccount;
import io.cloudbus.core.http.CloudWebClients;
import io.cloudbus.generic.VendorProfile.Param;
import io.cloudbus.generic.VendorProfile.TokenSource;
import io.cloudbus.generic.impl.ProfileAuthHandler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code "adapter":"generic"}: builds a {@link GenericCloudSocket} from an account config:
 *
 * <pre>{@code
 * {"adapter":"generic", "profile":"home-assistant" | "<path to a profile file>",
 *  "account":"home", <the profile's params, e.g. "url", "token", "eventTypes", "table">,
 *  "keepalive":{"intervalMs":..,"timeoutMs":..}, "socket":{...CloudSocketOptions fields...}}
 * }</pre>
 *
 * The vendor name is the profile's {@code vendor}. Errors name the field ({@code
 * accounts[home].token: required by profile home-assistant}) and never show a value. The
 * description of an account adds its profile's parameters to the {@link #FIELDS}.
 */
public final class GenericAdapterProvider implements AdapterProvider {

  public static final String NAME = "generic";

  /** The profiles shipped as resources ({@code profiles/<name>.yaml}). */
  public static final List<String> SHIPPED_PROFILES = List.of("home-assistant", "pylight");

  /** The fields of every generic account; the profile's parameters come on top. */
  public static final List<ConfigField> FIELDS =
      List.of(
          ConfigField.string(
                  "profile", "a shipped profile " + SHIPPED_PROFILES + " or a profile file's path")
              .asRequired(),
          ConfigField.object(
              "keepalive",
              "replaces the profile's keepalive timings",
              ConfigField.integer("intervalMs", "ping interval").withRange(1, Long.MAX_VALUE),
              ConfigField.integer("timeoutMs", "dead-link timeout").withRange(1, Long.MAX_VALUE)));

  @Override
  public String name() {
    return NAME;
  }

  /** The common fields, the shipped profiles and their vendors, a demo account per profile. */
  @Override
  public ConfigDescription description() {
    return new ConfigDescription(
        NAME,
        SHIPPED_PROFILES.stream().map(p -> VendorProfile.load(p).vendor()).toList(),
        FIELDS,
        List.of(),
        SHIPPED_PROFILES,
        List.of(
            new DemoAccount(
                "home-assistant",
                new JsonObject().put("profile", "home-assistant"),
                Map.of("url", "url", "token", "token")),
            new DemoAccount(
                "pylight",
                new JsonObject().put("profile", "pylight").put("table", "products"),
                Map.of("url", "url"))),
        false);
  }

  /**
   * The description plus the parameters of the account's profile; when the profile cannot be
   * loaded, unknown fields are not checked ({@link #create} reports the profile).
   */
  @Override
  public ConfigDescription description(JsonObject accountConfig) {
    ConfigDescription base = description();
    Object ref = accountConfig == null ? null : accountConfig.getValue("profile");
    if (!(ref instanceof String name) || name.isBlank()) {
      return base;
    }
    VendorProfile profile;
    try {
      profile = VendorProfile.load(name);
    } catch (RuntimeException e) {
      return new ConfigDescription(
          NAME, base.vendors(), FIELDS, List.of(), SHIPPED_PROFILES, base.demoAccounts(), true);
    }
    List<ConfigField> fields = new ArrayList<>(FIELDS);
    for (Param p : profile.params().values()) {
      fields.add(field(p, profile.vendor()));
    }
    return base.withFields(fields);
  }

  private static ConfigField field(Param p, String vendor) {
    String description = "parameter of profile " + vendor;
    ConfigField f =
        switch (p.type()) {
          case STRING -> ConfigField.string(p.name(), description);
          case LIST -> ConfigField.list(p.name(), description);
          case BOOLEAN -> ConfigField.bool(p.name(), description);
          case NUMBER -> ConfigField.number(p.name(), description);
        };
    f = f.withDefault(p.defaultValue());
    f = p.required() && p.defaultValue() == null ? f.asRequired() : f;
    return p.secret() ? f.asSecret() : f;
  }

  @Override
  public CloudSocket create(Vertx vertx, JsonObject accountConfig, TokenStore tokens) {
    Object accountValue = accountConfig.getValue("account");
    String label = "accounts[" + (accountValue instanceof String s && !s.isBlank() ? s : "?") + "]";
    ConfigReader r = ConfigReader.of(accountConfig, label);
    String account = r.string("account", true);
    String ref = r.string("profile", false);
    if (ref == null || ref.isBlank()) {
      r.error(
          "profile",
          "required: a shipped profile " + SHIPPED_PROFILES + " or the path of a profile file");
    }
    ConfigReader keepaliveReader = r.child("keepalive");
    JsonObject keepalive =
        r.json().getValue("keepalive") == null
            ? null
            : keepaliveReader.check(FIELDS.get(1).fields());
    keepaliveReader.rejectUnknown();
    r.throwIfInvalid();
    VendorProfile profile;
    try {
      profile = VendorProfile.load(ref);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(r.path("profile") + ": " + e.getMessage(), e);
    }
    JsonObject config = GenericCloudSocket.resolveConfig(profile, accountConfig, label);
    String urlProblem =
        GenericCloudSocket.connectionUrlProblem(profile, profile.vendor(), account, config);
    if (urlProblem != null) {
      // named by the parameter the URL starts from (url in the shipped profiles)
      String field =
          profile.url().variables().stream()
              .filter(v -> v.startsWith("config."))
              .map(v -> v.substring("config.".length()))
              .findFirst()
              .orElse("profile");
      throw new IllegalArgumentException(r.path(field) + ": " + urlProblem);
    }
    CloudSocketOptions options;
    try {
      // the profile's socket defaults, then the account's own settings over them
      JsonObject o = profile.socket().mergeIn(r.object("socket").copy());
      r.throwIfInvalid();
      options =
          CloudSocketOptions.fromJson(o.put("vendor", profile.vendor()).put("account", account));
    } catch (RuntimeException e) {
      String m = e.getMessage();
      throw new IllegalArgumentException(
          m != null && m.startsWith(label) ? m : r.path("socket") + ": " + m, e);
    }
    Supplier<AuthHandler> auth = null;
    if (profile.auth().token() == TokenSource.OAUTH2) {
      JsonObject vars = new JsonObject().put("config", config);
      AuthOptions authOptions =
          AuthOptions.builder(profile.vendor() + "/" + account)
              .tokenStore(tokens == null ? TokenStore.inMemory() : tokens)
              .build();
      // created and closed by the socket: an undeployed account stops refreshing
      CloudSocketOptions trust = options; // token calls trust what socket.tls names, as the socket
      auth =
          () ->
              new ProfileAuthHandler(
                  vertx,
                  CloudWebClients.create(vertx, trust),
                  authOptions,
                  profile.auth().oauth2(),
                  vars);
    }
    return new GenericCloudSocket(options, auth, profile, config, keepalive);
  }
}
