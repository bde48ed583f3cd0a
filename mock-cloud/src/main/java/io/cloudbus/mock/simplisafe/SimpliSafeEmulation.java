package io.cloudbus.mock.simplisafe;

import io.cloudbus.mock.AdminRequest;
import io.cloudbus.mock.IssuedTokens;
import io.cloudbus.mock.MockCloudContext;
import io.cloudbus.mock.MockRequest;
import io.cloudbus.mock.MockResponse;
import io.cloudbus.mock.VendorEmulation;
import io.cloudbus.mock.VendorStats;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The SimpliSafe cloud: Auth0 login with PKCE and refresh ({@link SimpliSafeAuthRoutes}), the REST
 * calls around the socket ({@link SimpliSafeRestRoutes}), the socketlink push socket ({@link
 * SimpliSafePushSocket}) and admin routes:
 *
 * <ul>
 *   <li>{@code POST /admin/simplisafe/events}: one or an array of event {@code data} objects;
 *       absent {@code eventId}/{@code eventTimestamp} are assigned; each is recorded in the history
 *       and pushed to the sockets joined to its {@code userId} (all joined sockets if it names
 *       none). Answers {@code {"pushed":n,"sockets":k}}.
 *   <li>{@code POST /admin/simplisafe/refresh-token}: issues a new token pair for the demo user
 *       (counts a login) and answers {@code {"userId":..,"refreshToken":..}}, so tests and the demo
 *       log in without a browser.
 *   <li>{@code PUT /admin/simplisafe/access-token-lifetime} {@code {"seconds":n}}: lifetime of
 *       access tokens issued from now on (default 3600).
 * </ul>
 *
 * The seeded account is {@link SimpliSafeDemoAccount}; {@link #endpoints()} also carries a
 * pre-issued demo refresh token ({@code demoRefreshToken}), re-issued on reset (not counted as a
 * login).
 */
public final class SimpliSafeEmulation implements VendorEmulation {

  public static final String NAME = "simplisafe";

  private final SimpliSafeEventHistory history = new SimpliSafeEventHistory();
  private final SimpliSafeAuthRoutes auth = new SimpliSafeAuthRoutes();
  private final SimpliSafeRestRoutes rest = new SimpliSafeRestRoutes(history);
  private final SimpliSafePushSocket socket = new SimpliSafePushSocket();
  private final SimpliSafeControlRoutes control = new SimpliSafeControlRoutes(this::recordAndPush);
  private MockCloudContext ctx;
  private String demoRefreshToken;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void install(MockCloudContext ctx) {
    this.ctx = ctx;
    auth.install(ctx);
    rest.liveState(control::withLiveState);
    rest.install(ctx);
    control.install(ctx);
    socket.install(ctx);
    ctx.adminRoute(HttpMethod.POST, "events", this::postEvents);
    ctx.adminRoute(HttpMethod.POST, "refresh-token", r -> issueDemoTokens());
    ctx.adminRoute(HttpMethod.PUT, "access-token-lifetime", this::lifetime);
    seedDemoToken();
  }

  /**
   * Pre-issues the demo refresh token. It is not a client login, so it is not counted: {@code
   * logins} stays 0 until a client really logs in (code exchange or the admin route).
   */
  private void seedDemoToken() {
    demoRefreshToken = ctx.tokens().login(demoSubject()).refreshToken();
    ctx.stats().add(VendorStats.LOGINS, -1);
  }

  @Override
  public JsonObject endpoints() {
    return new JsonObject()
        .put("authBaseUrl", ctx.restBaseUrl())
        .put("authorizeUrl", ctx.restBaseUrl() + "/authorize")
        .put("tokenUrl", ctx.restBaseUrl() + "/oauth/token")
        .put("apiBaseUrl", ctx.restBaseUrl())
        .put("socketUrl", ctx.wsBaseUrl() + SimpliSafePushSocket.PATH)
        .put("userId", SimpliSafeDemoAccount.USER_ID)
        .put("sid", SimpliSafeDemoAccount.SID)
        .put("demoRefreshToken", demoRefreshToken);
  }

  @Override
  public void reset() {
    history.clear();
    control.reset();
    auth.reset();
    seedDemoToken();
  }

  /** SimpliSafe throttles with 403 (homebridge-simplisafe3 #57); the token endpoint is spared. */
  @Override
  public MockResponse rateLimitedResponse(MockRequest request) {
    if (request.path().startsWith("/oauth") || request.path().startsWith("/authorize")) {
      return null;
    }
    return MockResponse.json(
        403, new JsonObject().put("type", "Forbidden").put("message", "Too many requests"));
  }

  private JsonObject postEvents(AdminRequest request) {
    List<JsonObject> recorded = new ArrayList<>();
    List<Long> users = new ArrayList<>();
    long now = System.currentTimeMillis() / 1000;
    for (JsonObject data : request.jsonObjects()) {
      // routed by the caller's userId (none: every socket), then completed to the real shape
      users.add(SimpliSafeEventHistory.asLong(data.getValue("userId")));
      JsonObject full =
          SimpliSafeEventDefaults.complete(
              data,
              SimpliSafeDemoAccount.SID,
              SimpliSafeDemoAccount.USER_ID,
              SimpliSafeDemoAccount.BASE_STATION_ACCOUNT);
      recorded.add(history.record(full, SimpliSafeDemoAccount.SID, now));
    }
    int sockets = socket.push(recorded, users);
    return new JsonObject().put("pushed", recorded.size()).put("sockets", sockets);
  }

  @Override
  public java.util.Set<String> extraFaultNames() {
    return SimpliSafeControlRoutes.FAULTS;
  }

  private int recordAndPush(List<JsonObject> events) {
    long now = System.currentTimeMillis() / 1000;
    List<JsonObject> recorded = new ArrayList<>();
    events.forEach(data -> recorded.add(history.record(data, SimpliSafeDemoAccount.SID, now)));
    return socket.push(recorded);
  }

  private JsonObject issueDemoTokens() {
    IssuedTokens tokens = ctx.tokens().login(demoSubject());
    demoRefreshToken = tokens.refreshToken();
    return new JsonObject()
        .put("userId", SimpliSafeDemoAccount.USER_ID)
        .put("refreshToken", tokens.refreshToken());
  }

  private JsonObject lifetime(AdminRequest request) {
    Object json = request.json();
    if (!(json instanceof JsonObject o) || !(o.getValue("seconds") instanceof Number n)) {
      throw new IllegalArgumentException("seconds: required, a number");
    }
    ctx.tokens().accessTokenLifetimeSeconds(n.longValue());
    return new JsonObject().put("seconds", n.longValue());
  }

  private static String demoSubject() {
    return Long.toString(SimpliSafeDemoAccount.USER_ID);
  }
}
