package io.cloudbus.mock.simplisafe;

import io.cloudbus.mock.IssuedTokens;
import io.cloudbus.mock.MockCloudContext;
import io.cloudbus.mock.MockRequest;
import io.cloudbus.mock.MockResponse;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SimpliSafe's Auth0 tenant: {@code GET /authorize} (auto-approves the demo user and redirects to
 * the app's custom-scheme callback with a code) and {@code POST /oauth/token} (authorization_code
 * with PKCE S256 verification, refresh_token). Refresh responses omit {@code refresh_token}, as the
 * real cloud has done since 2023-04. Refused grants answer 403 {@code invalid_grant}. Used on the
 * mock cloud's context only.
 */
final class SimpliSafeAuthRoutes {

  static final String CLIENT_ID = "42aBZ5lYrVW12jfOuu3CQROitwxg9sN5";
  static final String REDIRECT_URI =
      "com.simplisafe.mobile://auth.simplisafe.com/ios/com.simplisafe.mobile/callback";
  static final String SCOPE =
      "openid email https://api.simplisafe.com/scopes/user:platform offline_access";
  static final String AUDIENCE = "https://api.simplisafe.com/";
  static final long CODE_LIFETIME_MS = 600_000;

  /** Parameters the real authorize URL always carries. */
  private static final List<String> AUTHORIZE_PARAMS =
      List.of(
          "audience",
          "client_id",
          "code_challenge",
          "code_challenge_method",
          "redirect_uri",
          "response_type",
          "scope");

  private record PendingCode(String challenge, String subject, long expiresAtMs) {}

  private final SecureRandom random = new SecureRandom();
  private final Map<String, PendingCode> codes = new HashMap<>();
  private MockCloudContext ctx;

  void install(MockCloudContext ctx) {
    this.ctx = ctx;
    ctx.rest("GET", "/authorize", this::authorize);
    ctx.rest("POST", "/oauth/token", this::token);
  }

  void reset() {
    codes.clear();
  }

  private MockResponse authorize(MockRequest req) {
    for (String p : AUTHORIZE_PARAMS) {
      String v = req.query(p);
      if (v == null || v.isEmpty()) {
        return oauthError(400, "invalid_request", "Missing required parameter: " + p);
      }
    }
    if (!CLIENT_ID.equals(req.query("client_id"))) {
      return oauthError(400, "invalid_request", "Unknown client.");
    }
    if (!REDIRECT_URI.equals(req.query("redirect_uri"))) {
      return oauthError(400, "invalid_request", "Callback URL mismatch.");
    }
    if (!"code".equals(req.query("response_type"))
        || !"S256".equals(req.query("code_challenge_method"))) {
      return oauthError(400, "invalid_request", "Only response_type=code with S256 PKCE.");
    }
    String code = randomToken(24);
    codes.put(
        code,
        new PendingCode(
            req.query("code_challenge"),
            Long.toString(SimpliSafeDemoAccount.USER_ID),
            System.currentTimeMillis() + CODE_LIFETIME_MS));
    String location = REDIRECT_URI + "?code=" + enc(code);
    if (req.query("state") != null) {
      location += "&state=" + enc(req.query("state"));
    }
    return MockResponse.empty(302).withHeader("Location", location);
  }

  private MockResponse token(MockRequest req) {
    JsonObject body;
    try {
      body = req.isForm() ? formAsJson(req) : req.jsonBody();
    } catch (IllegalArgumentException e) {
      return oauthError(400, "invalid_request", "The request body is not valid JSON.");
    }
    if (!CLIENT_ID.equals(body.getValue("client_id"))) {
      return oauthError(401, "access_denied", "Unauthorized");
    }
    Object grant = body.getValue("grant_type");
    if ("authorization_code".equals(grant)) {
      return codeExchange(body);
    }
    if ("refresh_token".equals(grant)) {
      return refresh(body);
    }
    return oauthError(403, "unauthorized_client", "Grant type not allowed for the client.");
  }

  private MockResponse codeExchange(JsonObject body) {
    Object code = body.getValue("code");
    PendingCode pending = code instanceof String c ? codes.remove(c) : null;
    if (pending == null || pending.expiresAtMs() < System.currentTimeMillis()) {
      return oauthError(403, "invalid_grant", "Invalid authorization code");
    }
    if (!REDIRECT_URI.equals(body.getValue("redirect_uri"))) {
      return oauthError(403, "invalid_grant", "Invalid authorization code");
    }
    Object verifier = body.getValue("code_verifier");
    if (!(verifier instanceof String v) || !pending.challenge().equals(s256(v))) {
      ctx.stats().increment("pkceRejected");
      return oauthError(403, "invalid_grant", "Failed to verify code verifier");
    }
    IssuedTokens tokens = ctx.tokens().login(pending.subject());
    return MockResponse.ok(tokenJson(tokens).put("refresh_token", tokens.refreshToken()));
  }

  private MockResponse refresh(JsonObject body) {
    Object rt = body.getValue("refresh_token");
    Optional<IssuedTokens> tokens =
        rt instanceof String s ? ctx.tokens().refresh(s) : Optional.empty();
    if (tokens.isEmpty()) {
      return oauthError(403, "invalid_grant", "Unknown or invalid refresh token.");
    }
    // The real cloud stopped returning refresh_token on refresh (simplipy #487): so does the mock.
    return MockResponse.ok(tokenJson(tokens.get()));
  }

  private JsonObject tokenJson(IssuedTokens tokens) {
    return new JsonObject()
        .put("access_token", tokens.accessToken())
        .put("id_token", randomToken(32))
        .put("scope", SCOPE)
        .put("expires_in", tokens.expiresInSeconds())
        .put("token_type", "Bearer");
  }

  private static JsonObject formAsJson(MockRequest req) {
    JsonObject json = new JsonObject();
    req.form().forEach(e -> json.put(e.getKey(), e.getValue()));
    return json;
  }

  static MockResponse oauthError(int status, String error, String description) {
    return MockResponse.json(
        status, new JsonObject().put("error", error).put("error_description", description));
  }

  static String s256(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String randomToken(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
