package io.cloudbus.simplisafe;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.CloudbusException;
import io.cloudbus.core.FailureClass;
import io.cloudbus.core.auth.AbstractAuthHandler;
import io.cloudbus.core.auth.AuthOptions;
import io.cloudbus.core.auth.OAuth2Client;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.util.HashSet;
import java.util.Set;

/**
 * SimpliSafe auth: the refresh-token grant against the Auth0 tenant (JSON body, the iOS app's
 * client id). A full login is a browser flow ({@link SimpliSafeLoginFlow}, {@code cloudbus login
 * simplisafe}), so an unattended "login" here means: take a refresh token from the token store
 * (written by the login helper or a previous run) or from the configuration, and refresh with it.
 *
 * <p>Policies on top of {@link AbstractAuthHandler}: access tokens last 1 h and are refreshed 5 min
 * ahead ({@link AuthOptions#DEFAULT_REFRESH_MARGIN_MS}); a refresh response without {@code
 * refresh_token} keeps the old one (SimpliSafe stopped returning it in 2023). A refused refresh
 * token (401/403, {@code invalid_grant}) is remembered and never sent again; when no unrefused
 * token is left the failure is {@code AUTH} with a message that asks the user to run {@code
 * cloudbus login simplisafe} again. Each later login attempt (the socket's slow {@code auth_failed}
 * retry) re-reads the token store, so a login done while the service runs is picked up without a
 * restart and without hitting the vendor with the dead token.
 *
 * <p>Threading: as {@link AbstractAuthHandler} (hooks run on its context). Never logs a token.
 */
public class SimpliSafeAuthHandler extends AbstractAuthHandler {

  private final OAuth2Client oauth;
  private final String configuredRefreshToken;
  private final Set<String> refused = new HashSet<>();

  /**
   * @param options store key ({@code simplisafe/<account>}), token store, margin, clock
   * @param endpoints the hosts; the token endpoint is {@code authBaseUrl + /oauth/token}
   * @param configuredRefreshToken the configuration's refresh token, or null to rely on the store
   */
  public SimpliSafeAuthHandler(
      Vertx vertx,
      AuthOptions options,
      SimpliSafeEndpoints endpoints,
      String configuredRefreshToken) {
    this(vertx, options, endpoints, configuredRefreshToken, null);
  }

  /**
   * As above, the token endpoint trusting {@code socketOptions}' {@code tls} (null: the JVM's CAs).
   */
  public SimpliSafeAuthHandler(
      Vertx vertx,
      AuthOptions options,
      SimpliSafeEndpoints endpoints,
      String configuredRefreshToken,
      io.cloudbus.core.CloudSocketOptions socketOptions) {
    super(vertx, options);
    this.oauth =
        tokenClient(io.cloudbus.core.http.CloudWebClients.create(vertx, socketOptions), endpoints);
    this.configuredRefreshToken = configuredRefreshToken;
  }

  /** The token endpoint client as the iOS app calls it: JSON body, its client id and headers. */
  static OAuth2Client tokenClient(WebClient client, SimpliSafeEndpoints endpoints) {
    return OAuth2Client.builder(client, endpoints.authBaseUrl() + "/oauth/token")
        .clientId(SimpliSafeProtocol.CLIENT_ID)
        .bodyFormat(OAuth2Client.BodyFormat.JSON)
        .header("User-Agent", SimpliSafeProtocol.USER_AGENT)
        // homebridge-simplisafe3 sends it on refresh ("SS seems to need these"); harmless otherwise
        .header("Auth0-Client", SimpliSafeProtocol.AUTH0_CLIENT)
        .build();
  }

  @Override
  protected Future<AccessToken> doLogin() {
    return options()
        .tokenStore()
        .load(options().storeKey())
        .otherwise((AccessToken) null)
        .compose(
            stored -> {
              String candidate = null;
              if (stored != null && usable(stored.refreshToken())) {
                candidate = stored.refreshToken();
              } else if (usable(configuredRefreshToken)) {
                candidate = configuredRefreshToken;
              }
              if (candidate == null) {
                return Future.failedFuture(
                    CloudbusException.auth(
                        logLabel()
                            + ": no valid SimpliSafe refresh token (none configured, or it was"
                            + " refused); run `cloudbus login simplisafe` again"));
              }
              return refreshWith(candidate);
            });
  }

  @Override
  protected Future<AccessToken> doRefresh(AccessToken current) {
    return refreshWith(current.refreshToken());
  }

  private boolean usable(String refreshToken) {
    return refreshToken != null && !refreshToken.isEmpty() && !refused.contains(refreshToken);
  }

  private Future<AccessToken> refreshWith(String refreshToken) {
    return oauth
        .refresh(refreshToken)
        .recover(
            err -> {
              if (CloudbusException.classify(err) != FailureClass.AUTH) {
                return Future.failedFuture(err);
              }
              refused.add(refreshToken);
              return Future.failedFuture(
                  new CloudbusException(
                      FailureClass.AUTH,
                      logLabel()
                          + ": SimpliSafe refused the refresh token ("
                          + err.getMessage()
                          + "); run `cloudbus login simplisafe` again",
                      null,
                      null));
            });
  }
}
