package io.cloudbus.core.auth;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.CloudbusException;
import io.cloudbus.core.FailureClass;
import io.cloudbus.core.http.BoundedBody;
import io.cloudbus.core.http.RestClient;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An OAuth 2 token endpoint client on the Vert.x Web Client: the {@code password}, {@code
 * refresh_token}, {@code authorization_code} (with PKCE {@code code_verifier}) and {@code
 * client_credentials} grants, form-encoded or JSON bodies, extra fields and headers per vendor.
 *
 * <p>Failures are {@link CloudbusException}s classified by {@link ErrorClassifier} (default {@link
 * #defaultClass(int, String)}): refused grants are {@code AUTH}, HTTP 429 is {@code RATE_LIMITED}
 * (with the server's {@code Retry-After}), 5xx, network errors, timeouts and unreadable bodies are
 * {@code TRANSIENT}. Messages name the endpoint (without query), the grant, the HTTP status and the
 * OAuth {@code error} code only, never a token, code, password or secret.
 *
 * <p>Immutable and thread-safe; futures complete on the caller's context.
 */
public final class OAuth2Client {

  /** Default bound on one token request. */
  public static final long DEFAULT_TIMEOUT_MS = 10_000;

  /** OAuth error codes that mean the grant or the client was refused. */
  public static final Set<String> AUTH_ERRORS =
      Set.of(
          "invalid_grant",
          "invalid_request",
          "invalid_client",
          "unauthorized_client",
          "access_denied");

  /** How the request body is encoded. */
  public enum BodyFormat {
    /** {@code application/x-www-form-urlencoded} (BTicino/Netatmo, most servers). */
    FORM,
    /** {@code application/json} (SimpliSafe's Auth0 tenant). */
    JSON
  }

  /** Classifies an error response; a vendor plugs its own quirks in (e.g. SimpliSafe's 403). */
  @FunctionalInterface
  public interface ErrorClassifier {
    /**
     * @param status the HTTP status (>= 400)
     * @param oauthError the OAuth {@code error} code, or null when the body has none
     * @param body the JSON body, or null when it is not a JSON object
     * @return the failure class, or null to use {@link OAuth2Client#defaultClass(int, String)}
     */
    FailureClass classify(int status, String oauthError, JsonObject body);
  }

  private final WebClient client;
  private final String tokenUrl;
  private final String clientId;
  private final String clientSecret;
  private final BodyFormat bodyFormat;
  private final Map<String, String> headers;
  private final Map<String, String> extraFields;
  private final long timeoutMs;
  private final Clock clock;
  private final ErrorClassifier classifier;

  private OAuth2Client(Builder b) {
    this.client = BoundedBody.guard(b.client);
    this.tokenUrl = b.tokenUrl;
    this.clientId = b.clientId;
    this.clientSecret = b.clientSecret;
    this.bodyFormat = b.bodyFormat;
    this.headers = Map.copyOf(b.headers);
    this.extraFields = new LinkedHashMap<>(b.extraFields);
    this.timeoutMs = b.timeoutMs;
    this.clock = b.clock;
    this.classifier = b.classifier;
  }

  /** A client of {@code tokenUrl} with a new {@link WebClient} of {@code vertx}. */
  public static Builder builder(Vertx vertx, String tokenUrl) {
    return builder(WebClient.create(vertx), tokenUrl);
  }

  /** A client of {@code tokenUrl} sharing {@code client}. */
  public static Builder builder(WebClient client, String tokenUrl) {
    return new Builder(client, tokenUrl);
  }

  public String tokenUrl() {
    return tokenUrl;
  }

  /** The {@code password} grant. */
  public Future<AccessToken> password(String username, String password) {
    return password(username, password, Map.of());
  }

  /** The {@code password} grant with extra fields for this call (e.g. {@code scope}). */
  public Future<AccessToken> password(String username, String password, Map<String, String> extra) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("username", username);
    fields.put("password", password);
    fields.putAll(extra);
    return grant("password", fields, bodyFormat);
  }

  /**
   * The {@code refresh_token} grant. When the response carries no refresh token the result keeps
   * {@code refreshToken} (SimpliSafe stopped rotating them).
   */
  public Future<AccessToken> refresh(String refreshToken) {
    return refresh(refreshToken, Map.of());
  }

  /** The {@code refresh_token} grant with extra fields for this call. */
  public Future<AccessToken> refresh(String refreshToken, Map<String, String> extra) {
    Objects.requireNonNull(refreshToken, "refreshToken");
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("refresh_token", refreshToken);
    fields.putAll(extra);
    return grant("refresh_token", fields, bodyFormat)
        .map(t -> t.refreshToken() == null ? t.withRefreshToken(refreshToken) : t);
  }

  /** The {@code authorization_code} grant; {@code codeVerifier} (PKCE) may be null. */
  public Future<AccessToken> authorizationCode(
      String code, String redirectUri, String codeVerifier) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (codeVerifier != null) {
      fields.put("code_verifier", codeVerifier);
    }
    fields.put("code", code);
    if (redirectUri != null) {
      fields.put("redirect_uri", redirectUri);
    }
    return grant("authorization_code", fields, bodyFormat);
  }

  /** The {@code client_credentials} grant; {@code scope} may be null. */
  public Future<AccessToken> clientCredentials(String scope) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (scope != null) {
      fields.put("scope", scope);
    }
    return grant("client_credentials", fields, bodyFormat);
  }

  /**
   * Any grant: {@code grant_type}, then {@code fields}, {@code client_id}, {@code client_secret}
   * (when configured) and the configured extra fields, in that order, encoded as {@code format}.
   */
  public Future<AccessToken> grant(
      String grantType, Map<String, String> fields, BodyFormat format) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("grant_type", grantType);
    fields.forEach(
        (k, v) -> {
          if (v != null) {
            body.put(k, v);
          }
        });
    if (clientId != null) {
      body.putIfAbsent("client_id", clientId);
    }
    if (clientSecret != null) {
      body.putIfAbsent("client_secret", clientSecret);
    }
    extraFields.forEach(body::putIfAbsent);
    String where = "token endpoint " + RestClient.redact(tokenUrl) + " (grant " + grantType + ")";
    HttpRequest<Buffer> request =
        client.postAbs(tokenUrl).timeout(timeoutMs).as(BoundedBody.codec(BoundedBody.MAX_BYTES));
    request.putHeader("Accept", "application/json");
    headers.forEach(request::putHeader);
    Future<HttpResponse<Buffer>> sent;
    try {
      if (format == BodyFormat.JSON) {
        JsonObject json = new JsonObject();
        body.forEach(json::put);
        sent = request.sendJsonObject(json);
      } else {
        MultiMap form = MultiMap.caseInsensitiveMultiMap();
        body.forEach(form::add);
        sent = request.sendForm(form);
      }
    } catch (RuntimeException e) {
      return Future.failedFuture(CloudbusException.configuration(where + ": " + e.getMessage()));
    }
    return sent.transform(
        ar -> {
          if (ar.failed()) {
            return Future.failedFuture(
                CloudbusException.transientFailure(
                    where + " unreachable: " + RestClient.describe(ar.cause()), null));
          }
          return parse(where, ar.result());
        });
  }

  private Future<AccessToken> parse(String where, HttpResponse<Buffer> response) {
    int status = response.statusCode();
    JsonObject json = RestClient.jsonObjectOrNull(response.body());
    if (status >= 200 && status < 300) {
      if (json == null) {
        return Future.failedFuture(
            CloudbusException.transientFailure(where + " answered a non-JSON body", null));
      }
      Object access = json.getValue("access_token");
      if (!(access instanceof String s) || s.isEmpty()) {
        return Future.failedFuture(
            CloudbusException.transientFailure(where + " answered no access_token", null));
      }
      Object rt = json.getValue("refresh_token");
      String refreshToken = rt instanceof String r && !r.isEmpty() ? r : null;
      Long expiresIn = seconds(json.getValue("expires_in"));
      if (expiresIn == null) {
        expiresIn = seconds(json.getValue("expire_in"));
      }
      return Future.succeededFuture(
          new AccessToken(
              s, refreshToken, expiresIn == null ? null : clock.instant().plusSeconds(expiresIn)));
    }
    Object err = json == null ? null : json.getValue("error");
    String oauthError = err instanceof String e ? e : null;
    FailureClass fc = classifier == null ? null : classifier.classify(status, oauthError, json);
    if (fc == null) {
      fc = defaultClass(status, oauthError);
    }
    String message =
        where + " answered HTTP " + status + (oauthError == null ? "" : " " + oauthError);
    Duration retryAfter = RestClient.retryAfter(response.getHeader("Retry-After"), clock);
    return Future.failedFuture(new CloudbusException(fc, message, null, retryAfter));
  }

  /**
   * The default classification of a token endpoint error: 429 {@code RATE_LIMITED}; 400/401/403
   * with an {@link #AUTH_ERRORS} code, and any 401, {@code AUTH}; 5xx and 408 {@code TRANSIENT};
   * other 4xx (unsupported grant, wrong URL) {@code CONFIGURATION}, except 403 without a code,
   * which is {@code AUTH} (no blind retry).
   */
  public static FailureClass defaultClass(int status, String oauthError) {
    if (status == 429) {
      return FailureClass.RATE_LIMITED;
    }
    if (status >= 500 || status == 408) {
      return FailureClass.TRANSIENT;
    }
    if ((status == 400 || status == 401 || status == 403)
        && oauthError != null
        && AUTH_ERRORS.contains(oauthError)) {
      return FailureClass.AUTH;
    }
    if (status == 401 || (status == 403 && oauthError == null)) {
      return FailureClass.AUTH;
    }
    return FailureClass.CONFIGURATION;
  }

  private static Long seconds(Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    if (value instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** Mutable builder; {@link #build()} validates. */
  public static final class Builder {
    private final WebClient client;
    private final String tokenUrl;
    private String clientId;
    private String clientSecret;
    private BodyFormat bodyFormat = BodyFormat.FORM;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> extraFields = new LinkedHashMap<>();
    private long timeoutMs = DEFAULT_TIMEOUT_MS;
    private Clock clock = Clock.systemUTC();
    private ErrorClassifier classifier;

    private Builder(WebClient client, String tokenUrl) {
      this.client = Objects.requireNonNull(client, "client");
      this.tokenUrl = tokenUrl;
    }

    /** Sent as {@code client_id} in every request. */
    public Builder clientId(String clientId) {
      this.clientId = clientId;
      return this;
    }

    /** Sent as {@code client_secret} in every request; never logged. */
    public Builder clientSecret(String clientSecret) {
      this.clientSecret = clientSecret;
      return this;
    }

    /** Default {@link BodyFormat#FORM}. */
    public Builder bodyFormat(BodyFormat format) {
      this.bodyFormat = Objects.requireNonNull(format, "format");
      return this;
    }

    /** A header on every request (e.g. {@code User-Agent}, {@code Auth0-Client}). */
    public Builder header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /** A body field on every request, after the grant's own fields (e.g. {@code app_version}). */
    public Builder field(String name, String value) {
      extraFields.put(name, value);
      return this;
    }

    public Builder timeoutMs(long timeoutMs) {
      this.timeoutMs = timeoutMs;
      return this;
    }

    /** The clock that turns {@code expires_in} into {@link AccessToken#expiresAt()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder classifier(ErrorClassifier classifier) {
      this.classifier = classifier;
      return this;
    }

    public OAuth2Client build() {
      if (tokenUrl == null
          || !(tokenUrl.startsWith("http://") || tokenUrl.startsWith("https://"))) {
        throw new IllegalArgumentException("tokenUrl must be an http(s) URL");
      }
      if (timeoutMs <= 0) {
        throw new IllegalArgumentException("timeoutMs must be > 0, was " + timeoutMs);
      }
      return new OAuth2Client(this);
    }
  }
}
