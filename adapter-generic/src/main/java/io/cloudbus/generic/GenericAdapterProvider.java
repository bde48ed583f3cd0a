package io.cloudbus.generic;

import io.cloudbus.core.AdapterProvider;
import io.cloudbus.core.AuthHandler;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudSocketOptions;
import io.cloudbus.core.TokenStore;
import io.cloudbus.core.auth.AuthOptions;
import io.cloudbus.generic.VendorProfile.TokenSource;
import io.cloudbus.generic.impl.ProfileAuthHandler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
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
 * accounts[home].token: required by profile home-assistant}) and never show a value.
 */
public final class GenericAdapterProvider implements AdapterProvider {

  @Override
  public String name() {
    return "generic";
  }

  @Override
  public CloudSocket create(Vertx vertx, JsonObject accountConfig, TokenStore tokens) {
    Object accountValue = accountConfig.getValue("account");
    String account = accountValue instanceof String s ? s : null;
    String label = "accounts[" + (account == null ? "?" : account) + "]";
    if (account == null || account.isBlank()) {
      throw new IllegalArgumentException(label + ".account: required string");
    }
    Object profileRef = accountConfig.getValue("profile");
    if (!(profileRef instanceof String ref) || ref.isBlank()) {
      throw new IllegalArgumentException(
          label
              + ".profile: required: a shipped profile "
              + VendorProfile.SHIPPED
              + " or the path of a profile file");
    }
    VendorProfile profile;
    try {
      profile = VendorProfile.load(ref);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(label + ".profile: " + e.getMessage(), e);
    }
    JsonObject config = GenericCloudSocket.resolveConfig(profile, accountConfig, label);
    CloudSocketOptions options;
    try {
      Object socket = accountConfig.getValue("socket");
      if (socket != null && !(socket instanceof JsonObject)) {
        throw new IllegalArgumentException("must be an object");
      }
      // the profile's socket defaults, then the account's own settings over them
      JsonObject o = profile.socket();
      if (socket != null) {
        o.mergeIn((JsonObject) socket);
      }
      options =
          CloudSocketOptions.fromJson(o.put("vendor", profile.vendor()).put("account", account));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(label + ".socket: " + e.getMessage(), e);
    }
    Object keepalive = accountConfig.getValue("keepalive");
    if (keepalive != null
        && !(keepalive instanceof JsonObject k
            && k.fieldNames().stream()
                .allMatch(f -> k.getValue(f) instanceof Number n && n.longValue() > 0))) {
      throw new IllegalArgumentException(
          label + ".keepalive: must be {\"intervalMs\":N,\"timeoutMs\":N} with positive numbers");
    }
    Supplier<AuthHandler> auth = null;
    if (profile.auth().token() == TokenSource.OAUTH2) {
      JsonObject vars = new JsonObject().put("config", config);
      AuthOptions authOptions =
          AuthOptions.builder(profile.vendor() + "/" + account)
              .tokenStore(tokens == null ? TokenStore.inMemory() : tokens)
              .build();
      // created and closed by the socket: an undeployed account stops refreshing
      auth = () -> new ProfileAuthHandler(vertx, authOptions, profile.auth().oauth2(), vars);
    }
    return new GenericCloudSocket(options, auth, profile, config, (JsonObject) keepalive);
  }
}
