package io.cloudbus.core.testing;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.auth.AbstractAuthHandler;
import io.cloudbus.core.auth.AuthOptions;
import io.cloudbus.core.auth.OAuth2Client;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** A BTicino-like auth handler: password grant for login, refresh_token grant for refresh. */
public final class PasswordAuth extends AbstractAuthHandler {

  private final OAuth2Client client;
  private final String username;
  private final String password;
  public volatile boolean loginAllowed = true;

  public PasswordAuth(
      Vertx vertx, AuthOptions options, OAuth2Client client, String username, String password) {
    super(vertx, options);
    this.client = client;
    this.username = username;
    this.password = password;
  }

  @Override
  protected Future<AccessToken> doLogin() {
    return client.password(username, password);
  }

  @Override
  protected Future<AccessToken> doRefresh(AccessToken current) {
    return client.refresh(current.refreshToken());
  }

  @Override
  protected boolean canLogin() {
    return loginAllowed;
  }
}
