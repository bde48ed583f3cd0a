package io.cloudbus.simplisafe;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Constants of SimpliSafe's cloud as the iOS app uses it (see docs/adapters/simplisafe.md and the
 * protocol notes): the public PKCE client, its redirect URI, scope and audience, the User-Agent
 * (also the {@code source} of the identify message) and the socketlink message types.
 */
public final class SimpliSafeProtocol {

  /** The public iOS app client (PKCE, no client secret). */
  public static final String CLIENT_ID = "42aBZ5lYrVW12jfOuu3CQROitwxg9sN5";

  /** The app's custom-scheme callback; the only redirect the tenant allows. */
  public static final String REDIRECT_URI =
      "com.simplisafe.mobile://auth.simplisafe.com/ios/com.simplisafe.mobile/callback";

  public static final String SCOPE =
      "offline_access email openid https://api.simplisafe.com/scopes/user:platform";

  public static final String AUDIENCE = "https://api.simplisafe.com/";

  /**
   * Base64 of {@code {"version":"2.3.2","name":"Auth0.swift","env":{"swift":"5.x","iOS":"16.3"}}}.
   */
  public static final String AUTH0_CLIENT =
      "eyJ2ZXJzaW9uIjoiMi4zLjIiLCJuYW1lIjoiQXV0aDAuc3dpZnQiLCJlbnYiOnsic3dpZnQiOiI1LngiLCJpT1MiOiIxNi4zIn19";

  public static final String DEVICE = "iPhone";

  public static final String USER_AGENT =
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
          + " Version/15.0 Safari/605.1.15";

  public static final String TYPE_IDENTIFY = "com.simplisafe.connection.identify";
  public static final String TYPE_HELLO = "com.simplisafe.service.hello";
  public static final String TYPE_REGISTERED = "com.simplisafe.service.registered";
  public static final String TYPE_NAMESPACE_SUBSCRIBED = "com.simplisafe.namespace.subscribed";
  public static final String TYPE_SERVICE_SUBSCRIBED = "com.simplisafe.service.subscribed";
  public static final String TYPE_EVENT = "com.simplisafe.event.standard";

  /** The maximum {@code numEvents} the events endpoint accepts (51+ is a 400). */
  public static final int MAX_NUM_EVENTS = 50;

  private SimpliSafeProtocol() {}

  /**
   * The identify message sent right after the socket opens. Holds the access token: never log it.
   *
   * @param now the send time ({@code id} is {@code ts:<epoch ms>}, {@code time} ISO-8601 with ms)
   */
  public static JsonObject identify(String accessToken, long userId, Instant now) {
    Instant ms = now.truncatedTo(ChronoUnit.MILLIS);
    String time = ms.toString();
    if (ms.getNano() == 0) {
      time = time.replace("Z", ".000Z");
    }
    return new JsonObject()
        .put("datacontenttype", "application/json")
        .put("type", TYPE_IDENTIFY)
        .put("time", time)
        .put("id", "ts:" + ms.toEpochMilli())
        .put("specversion", "1.0")
        .put("source", USER_AGENT)
        .put(
            "data",
            new JsonObject()
                .put("auth", new JsonObject().put("schema", "bearer").put("token", accessToken))
                .put("join", new JsonArray().add("uid:" + userId)));
  }

  /**
   * Whether {@code message} confirms the subscription (both names seen in clients are accepted).
   */
  public static boolean isSubscribed(JsonObject message) {
    Object type = message.getValue("type");
    return TYPE_NAMESPACE_SUBSCRIBED.equals(type) || TYPE_SERVICE_SUBSCRIBED.equals(type);
  }
}
