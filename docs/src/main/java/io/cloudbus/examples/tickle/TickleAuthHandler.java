package io.cloudbus.examples.tickle;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.auth.AbstractAuthHandler;
import io.cloudbus.core.auth.AuthOptions;
import io.cloudbus.core.auth.OAuth2Client;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The example vendor's authentication: an OAuth 2 {@code client_credentials} grant. The base class
 * makes login and refresh single-flight, refreshes before expiry and keeps the token in the store;
 * this class only says how to get a token. The socket creates it in {@code start()} on its own
 * context and closes it when it stops (see {@link TickleSocket}).
 */
public final class TickleAuthHandler extends AbstractAuthHandler {

  private final OAuth2Client oauth;

  /**
   * @param tokenUrl the vendor's token endpoint
   */
  public TickleAuthHandler(
      Vertx vertx, AuthOptions options, String tokenUrl, String clientId, String clientSecret) {
    super(vertx, options);
    this.oauth =
        OAuth2Client.builder(vertx, tokenUrl).clientId(clientId).clientSecret(clientSecret).build();
  }

  @Override
  protected Future<AccessToken> doLogin() {
    return oauth.clientCredentials(null);
  }

  /** A client-credentials token has no refresh token: refreshing is logging in again. */
  @Override
  protected Future<AccessToken> doRefresh(AccessToken current) {
    return oauth.clientCredentials(null);
  }
}
