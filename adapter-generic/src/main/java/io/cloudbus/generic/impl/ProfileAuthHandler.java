package io.cloudbus.generic.impl;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.auth.AbstractAuthHandler;
import io.cloudbus.core.auth.AuthOptions;
import io.cloudbus.core.auth.OAuth2Client;
import io.cloudbus.generic.VendorProfile.OAuth2;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The {@code oauth2} auth of a profile: {@code password} or {@code client_credentials} grants
 * through core's {@link OAuth2Client}, with core's single-flight refresh, proactive refresh and
 * token store. A refresh without a refresh token (client credentials) is a new grant.
 */
public final class ProfileAuthHandler extends AbstractAuthHandler {

  private final OAuth2 spec;
  private final JsonObject vars;
  private final OAuth2Client client;

  /**
   * @param vars template variables ({@code config}); the OAuth2 fields are rendered from them
   */
  public ProfileAuthHandler(Vertx vertx, AuthOptions options, OAuth2 spec, JsonObject vars) {
    this(vertx, io.vertx.ext.web.client.WebClient.create(vertx), options, spec, vars);
  }

  /**
   * @param client the HTTP client of the token calls (the socket's, which trusts what {@code
   *     socket.tls} names)
   */
  public ProfileAuthHandler(
      Vertx vertx,
      io.vertx.ext.web.client.WebClient client,
      AuthOptions options,
      OAuth2 spec,
      JsonObject vars) {
    super(vertx, options);
    this.spec = spec;
    this.vars = vars;
    OAuth2Client.Builder b =
        OAuth2Client.builder(client, spec.tokenUrl().renderString(null, vars))
            .clientId(spec.clientId().renderString(null, vars));
    if (spec.clientSecret() != null) {
      b.clientSecret(spec.clientSecret().renderString(null, vars));
    }
    this.client = b.build();
  }

  @Override
  protected Future<AccessToken> doLogin() {
    String scope = spec.scope() == null ? null : spec.scope().renderString(null, vars);
    if ("password".equals(spec.grant())) {
      return client.password(
          spec.username().renderString(null, vars),
          spec.password().renderString(null, vars),
          scope == null ? Map.of() : Map.of("scope", scope));
    }
    return client.clientCredentials(scope);
  }

  @Override
  protected Future<AccessToken> doRefresh(AccessToken current) {
    return current.refreshToken() == null ? doLogin() : client.refresh(current.refreshToken());
  }
}
