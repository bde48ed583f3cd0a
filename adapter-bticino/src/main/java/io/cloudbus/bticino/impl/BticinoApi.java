package io.cloudbus.bticino.impl;

import io.cloudbus.bticino.BticinoConfig;
import io.cloudbus.core.AccessToken;
import io.cloudbus.core.AuthHandler;
import io.cloudbus.core.CloudbusException;
import io.cloudbus.core.FailureClass;
import io.cloudbus.core.http.RestClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The two Netatmo app REST calls the adapter needs: {@code /api/homesdata} (which homes) and {@code
 * /api/getevents} (recent history, for catch-up). JSON bodies with {@code app_type}/{@code
 * app_version}, {@code Authorization: Bearer}, the app's User-Agent.
 *
 * <p>Netatmo answers an expired or invalid token with 403 (sometimes 401): both make one
 * single-flight token refresh and one retry. 403 with error code 26 and 429 are {@code
 * RATE_LIMITED}; 5xx {@code TRANSIENT}. Thread-safe. Futures complete on the auth handler's context
 * (the token is fetched there first), not necessarily on the caller's.
 */
public final class BticinoApi {

  static final String APP_TYPE = "app_camera";

  /** The bridge and module types the app asks {@code homesdata} for. */
  static final JsonArray DEVICE_TYPES =
      new JsonArray(
          List.of(
              "BNMH",
              "BNCX",
              "BFII",
              "BPAC",
              "BPVC",
              "BNC1",
              "BDIY",
              "BNHY",
              "NACamera",
              "NOC",
              "NDB",
              "NSD",
              "NCO",
              "NDL"));

  private final BticinoConfig config;
  private final AuthHandler auth;
  private final RestClient rest;

  public BticinoApi(WebClient client, BticinoConfig config, AuthHandler auth) {
    this.config = Objects.requireNonNull(config, "config");
    this.auth = Objects.requireNonNull(auth, "auth");
    this.rest =
        new RestClient(client, auth)
            .header(
                "User-Agent",
                "NetatmoApp(Security/v"
                    + config.appVersion()
                    + "/4401103) Android(13/Google/sdk_gphone64_arm64)")
            .classifier(BticinoApi::classify);
  }

  /** The ids of the account's homes, in the cloud's order; never null. */
  public Future<List<String>> homeIds() {
    JsonObject body =
        base().put("device_types", DEVICE_TYPES.copy()).put("sync_measurements", false);
    return post("/api/homesdata", body)
        .map(
            resp -> {
              List<String> ids = new ArrayList<>();
              if (resp.getValue("body") instanceof JsonObject b
                  && b.getValue("homes") instanceof JsonArray homes) {
                for (Object h : homes) {
                  if (h instanceof JsonObject home && home.getValue("id") instanceof String id) {
                    ids.add(id);
                  }
                }
              }
              return ids;
            });
  }

  /** The whole {@code getevents} response of one home: the newest {@code size} events. */
  public Future<JsonObject> events(String homeId, int size) {
    return post("/api/getevents", base().put("home_id", homeId).put("size", size));
  }

  /**
   * Any app API call: {@code POST path} with {@code fields} plus {@code app_type}/{@code
   * app_version}; the whole response ({@code homesdata}, {@code homestatus}, {@code setstate}).
   */
  public Future<JsonObject> call(String path, JsonObject fields) {
    return post(path, base().mergeIn(fields));
  }

  private JsonObject base() {
    return new JsonObject().put("app_type", APP_TYPE).put("app_version", config.appVersion());
  }

  private Future<JsonObject> post(String path, JsonObject body) {
    String url = config.apiBaseUrl() + path;
    AccessToken used = auth.currentToken();
    return rest.postJson(url, body)
        .recover(
            err -> {
              if (isTokenRejected(err)) {
                // Netatmo says 403 (not 401) for an expired token: refresh once, retry once.
                return auth.tokenRejected(used).compose(t -> rest.postJson(url, body));
              }
              return Future.failedFuture(err);
            });
  }

  private static boolean isTokenRejected(Throwable err) {
    return err instanceof CloudbusException ce
        && ce.failureClass() == FailureClass.AUTH
        && String.valueOf(ce.getMessage()).endsWith("HTTP 403");
  }

  static FailureClass classify(int status, Object body) {
    Integer code = BticinoErrors.code(body);
    if (status == 429 || (status == 403 && code != null && code == BticinoErrors.THROTTLED)) {
      return FailureClass.RATE_LIMITED;
    }
    return null;
  }
}
