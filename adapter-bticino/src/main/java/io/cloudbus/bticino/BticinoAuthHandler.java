package io.cloudbus.bticino;

import io.cloudbus.bticino.impl.BticinoErrors;
import io.cloudbus.core.AccessToken;
import io.cloudbus.core.FailureClass;
import io.cloudbus.core.TokenStore;
import io.cloudbus.core.auth.AbstractAuthHandler;
import io.cloudbus.core.auth.AuthOptions;
import io.cloudbus.core.auth.OAuth2Client;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Netatmo (BTicino Classe 100X/300X) login as the official Android app does it: the {@code
 * password} grant and the {@code refresh_token} grant at {@code /oauth2/token}, form-encoded.
 *
 * <p>Policies (on top of {@link AbstractAuthHandler}): tokens are refreshed {@value
 * #REFRESH_MARGIN_MS} ms before expiry (the app's 60 s skew); a refused refresh falls back to one
 * password login; tokens live in the {@link TokenStore} under {@code bticino/<account>} so that a
 * restart refreshes instead of logging in again — Netatmo e-mails the user on every password login.
 *
 * <p>Classification: 400 {@code invalid_grant}/{@code invalid_request} → {@code AUTH}; 429 and 403
 * with error code 26 → {@code RATE_LIMITED}; 5xx (e.g. {@code {"error":{"code":11,...}}}), network
 * errors and timeouts → {@code TRANSIENT}. Messages carry the status and OAuth error code only.
 *
 * <p>Threading: as {@link AbstractAuthHandler}.
 */
public class BticinoAuthHandler extends AbstractAuthHandler {

  /** The app refreshes 60 s before expiry. */
  public static final long REFRESH_MARGIN_MS = 60_000;

  private final BticinoConfig config;
  private final OAuth2Client oauth;
  // the client this handler created itself (null when the caller shares one): closed with it
  private final WebClient ownClient;

  /**
   * @param vertx the Vert.x instance (its context becomes the handler's)
   * @param config the account configuration (credentials, token URL)
   * @param store where tokens persist across restarts
   */
  public BticinoAuthHandler(Vertx vertx, BticinoConfig config, TokenStore store) {
    this(vertx, config, store, null, Clock.systemUTC());
  }

  /**
   * As above, with a shared web client (the caller closes it) and a clock (tests).
   *
   * @param client the web client of the token endpoint; null to create one that {@link #close()}
   *     closes
   */
  public BticinoAuthHandler(
      Vertx vertx, BticinoConfig config, TokenStore store, WebClient client, Clock clock) {
    this(
        vertx,
        config,
        store,
        client == null
            ? io.cloudbus.core.http.CloudWebClients.create(vertx, config.socketOptions())
            : client,
        client,
        clock);
  }

  private BticinoAuthHandler(
      Vertx vertx,
      BticinoConfig config,
      TokenStore store,
      WebClient client,
      WebClient shared,
      Clock clock) {
    super(
        vertx,
        AuthOptions.builder(config.tokenKey())
            .tokenStore(Objects.requireNonNull(store, "store"))
            .refreshMarginMs(REFRESH_MARGIN_MS)
            .clock(clock)
            .build());
    this.config = config;
    this.ownClient = shared == null ? client : null;
    this.oauth =
        OAuth2Client.builder(client, config.tokenUrl())
            .clientId(config.clientId())
            .clientSecret(config.clientSecret())
            .bodyFormat(OAuth2Client.BodyFormat.FORM)
            .clock(clock)
            .classifier(BticinoAuthHandler::classify)
            .build();
  }

  @Override
  protected Future<AccessToken> doLogin() {
    // The app's field order: grant_type, username, password, client_id, client_secret, scope,
    // app_version.
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("username", config.username());
    fields.put("password", config.password());
    fields.put("client_id", config.clientId());
    fields.put("client_secret", config.clientSecret());
    fields.put("scope", config.scope());
    fields.put("app_version", config.appVersion());
    return oauth
        .grant("password", fields, OAuth2Client.BodyFormat.FORM)
        .compose(
            token ->
                token.refreshToken() == null
                    ? Future.failedFuture(
                        io.cloudbus.core.CloudbusException.transientFailure(
                            "token endpoint answered no refresh_token to the password grant", null))
                    : Future.succeededFuture(token));
  }

  @Override
  protected Future<AccessToken> doRefresh(AccessToken current) {
    // grant_type, refresh_token, client_id, client_secret: no scope, no app_version.
    return oauth.refresh(current.refreshToken());
  }

  @Override
  public void close() {
    super.close();
    if (ownClient != null) {
      ownClient.close();
    }
  }

  @Override
  protected String logLabel() {
    return config.tokenKey();
  }

  /** The Netatmo quirks; null falls back to {@link OAuth2Client#defaultClass(int, String)}. */
  static FailureClass classify(int status, String oauthError, JsonObject body) {
    Integer code = BticinoErrors.code(body);
    if (status == 429 || (status == 403 && code != null && code == BticinoErrors.THROTTLED)) {
      return FailureClass.RATE_LIMITED;
    }
    if (status >= 500) {
      return FailureClass.TRANSIENT;
    }
    return null;
  }
}
