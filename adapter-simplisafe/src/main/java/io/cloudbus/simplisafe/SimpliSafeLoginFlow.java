package io.cloudbus.simplisafe;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.CloudbusException;
import io.cloudbus.core.TokenStore;
import io.cloudbus.core.auth.OAuth2Client;
import io.cloudbus.core.auth.Pkce;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The browser login behind {@code cloudbus login simplisafe}: SimpliSafe's authorization code flow
 * with PKCE (S256), as the iOS app runs it.
 *
 * <ol>
 *   <li>{@link #authorizeUrl()}: the URL to open in a browser, with a fresh verifier kept here.
 *   <li>The user signs in (with MFA). The browser then fails to open {@code
 *       com.simplisafe.mobile://...callback?code=...}; the user copies that URL or just the code.
 *   <li>{@link #complete(String)}: extracts the code, exchanges it with the verifier at the token
 *       endpoint and stores the token (refresh token included) under {@code simplisafe/<account>}.
 * </ol>
 *
 * <p>Not thread-safe (one login at a time); futures complete on the caller's context. The verifier,
 * code and tokens are never logged nor put in exception messages.
 */
public final class SimpliSafeLoginFlow {

  private final SimpliSafeEndpoints endpoints;
  private final TokenStore store;
  private final String account;
  private final String deviceId;
  private final OAuth2Client oauth;
  private Pkce pkce;

  /**
   * @param store where the token goes (the same store the service reads)
   * @param account the cloudbus account name; the store key is {@code simplisafe/<account>}
   * @param deviceId the {@code device_id} to send (upper-cased), or null for a random UUID
   */
  public SimpliSafeLoginFlow(
      Vertx vertx,
      SimpliSafeEndpoints endpoints,
      TokenStore store,
      String account,
      String deviceId) {
    this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    this.store = Objects.requireNonNull(store, "store");
    this.account = Objects.requireNonNull(account, "account");
    this.deviceId =
        (deviceId == null ? UUID.randomUUID().toString() : deviceId).toUpperCase(Locale.ROOT);
    this.oauth = SimpliSafeAuthHandler.tokenClient(WebClient.create(vertx), endpoints);
  }

  /** A new authorize URL with every parameter the app sends; replaces any pending verifier. */
  public String authorizeUrl() {
    pkce = Pkce.generate();
    Map<String, String> q = new LinkedHashMap<>();
    q.put("audience", SimpliSafeProtocol.AUDIENCE);
    q.put("auth0Client", SimpliSafeProtocol.AUTH0_CLIENT);
    q.put("client_id", SimpliSafeProtocol.CLIENT_ID);
    q.put("code_challenge", pkce.challenge());
    q.put("code_challenge_method", "S256");
    q.put("device", SimpliSafeProtocol.DEVICE);
    q.put("device_id", deviceId);
    q.put("redirect_uri", SimpliSafeProtocol.REDIRECT_URI);
    q.put("response_type", "code");
    q.put("scope", SimpliSafeProtocol.SCOPE);
    StringBuilder url = new StringBuilder(endpoints.authBaseUrl()).append("/authorize");
    char sep = '?';
    for (Map.Entry<String, String> e : q.entrySet()) {
      url.append(sep).append(e.getKey()).append('=').append(enc(e.getValue()));
      sep = '&';
    }
    return url.toString();
  }

  /**
   * Exchanges the code (or the whole redirect URL that carries it) and stores the token.
   *
   * @return the token; fails with {@code AUTH} when SimpliSafe refuses the code or verifier, with
   *     {@code CONFIGURATION} when {@link #authorizeUrl()} was not called or no code is found
   */
  public Future<AccessToken> complete(String codeOrRedirectUrl) {
    if (pkce == null) {
      return Future.failedFuture(
          CloudbusException.configuration("call authorizeUrl() before complete()"));
    }
    String code = extractCode(codeOrRedirectUrl);
    if (code == null) {
      return Future.failedFuture(
          CloudbusException.configuration(
              "no authorization code found: paste the code or the whole"
                  + " com.simplisafe.mobile://...callback?code=... URL"));
    }
    Pkce used = pkce;
    return oauth
        .authorizationCode(code, SimpliSafeProtocol.REDIRECT_URI, used.verifier())
        .compose(
            token -> {
              if (token.refreshToken() == null) {
                return Future.failedFuture(
                    CloudbusException.auth(
                        "SimpliSafe returned no refresh token (was offline_access granted?)"));
              }
              pkce = null;
              return store.save(SimpliSafeConfig.tokenKey(account), token).map(v -> token);
            });
  }

  /**
   * The code from a bare code or from a redirect URL ({@code ...callback?code=X&state=Y}); null
   * when there is none. Surrounding whitespace and quotes are ignored.
   */
  public static String extractCode(String input) {
    if (input == null) {
      return null;
    }
    String s = input.trim();
    if (s.length() >= 2
        && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
      s = s.substring(1, s.length() - 1).trim();
    }
    if (s.isEmpty()) {
      return null;
    }
    if (!s.contains("://") && !s.contains("?") && !s.contains("=")) {
      return s;
    }
    String query;
    try {
      query = URI.create(s).getRawQuery();
    } catch (IllegalArgumentException e) {
      int q = s.indexOf('?');
      query = q < 0 ? s : s.substring(q + 1);
    }
    if (query == null) {
      int q = s.indexOf('?');
      query = q < 0 ? null : s.substring(q + 1);
    }
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith("code=") && pair.length() > 5) {
        return URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
