package io.cloudbus.mock.simplisafe;

import static io.cloudbus.mock.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudbus.mock.MockCloudExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SimpliSafe control routes spoken to as simplipy does, with state kept between calls. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SimpliSafeControlIT {

  @RegisterExtension
  static final MockCloudExtension MOCK = new MockCloudExtension(List.of(new SimpliSafeEmulation()));

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(PATIENT).build();
  private static final String SS3 = "/v1/ss3/subscriptions/" + SimpliSafeDemoAccount.SID;

  private String token;

  record Reply(int status, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  @BeforeEach
  void login() throws Exception {
    String refresh = MOCK.admin().post("/simplisafe/refresh-token", null).getString("refreshToken");
    JsonObject body =
        new JsonObject()
            .put("grant_type", "refresh_token")
            .put("client_id", SimpliSafeAuthRoutes.CLIENT_ID)
            .put("refresh_token", refresh);
    Reply reply =
        send(
            HttpRequest.newBuilder(URI.create(endpoint("tokenUrl")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())));
    assertThat(reply.status()).isEqualTo(200);
    token = reply.json().getString("access_token");
  }

  private static String endpoint(String name) {
    return MOCK.cloud().endpoints("simplisafe").getString(name);
  }

  private Reply call(String method, String path, JsonObject body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(endpoint("apiBaseUrl") + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json; charset=utf-8")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.encode()));
    return send(b);
  }

  private static Reply send(HttpRequest.Builder b) throws Exception {
    HttpResponse<String> r =
        HTTP.send(b.timeout(PATIENT).build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body());
  }

  private List<Integer> recentCids() throws Exception {
    JsonArray events =
        call("GET", "/v1/subscriptions/" + SimpliSafeDemoAccount.SID + "/events", null)
            .json()
            .getJsonArray("events");
    List<Integer> cids = new ArrayList<>();
    for (int i = events.size() - 1; i >= 0; i--) {
      cids.add(events.getJsonObject(i).getInteger("eventCid"));
    }
    return cids;
  }

  private String alarmState() throws Exception {
    return call("GET", "/v1/users/" + SimpliSafeDemoAccount.USER_ID + "/subscriptions", null)
        .json()
        .getJsonArray("subscriptions")
        .getJsonObject(0)
        .getJsonObject("location")
        .getJsonObject("system")
        .getString("alarmState");
  }

  @Test
  void armAwayCountsDownThenArmsAndDisarmReturnsToOff() throws Exception {
    // GIVEN a one-second exit delay, set through the real settings call
    Reply settings =
        call(
            "POST",
            SS3 + "/settings/normal",
            new JsonObject().put("normal", new JsonObject().put("exitDelayAway", 1)));
    assertThat(
            settings
                .json()
                .getJsonObject("settings")
                .getJsonObject("normal")
                .getInteger("exitDelayAway"))
        .isEqualTo(1);
    // WHEN arming away
    Reply armed = call("POST", SS3 + "/state/away", null);
    // THEN the answer is the real V3 form, the system counts down, then is armed away
    assertThat(armed.status()).isEqualTo(200);
    assertThat(armed.json().getBoolean("success")).isTrue();
    assertThat(armed.json().getString("state")).isEqualTo("AWAY");
    assertThat(armed.json().getInteger("exitDelay")).isEqualTo(1);
    await().atMost(PATIENT).until(() -> "AWAY".equals(alarmState()));
    assertThat(recentCids()).containsExactly(9407, 3407);
    // WHEN disarming
    assertThat(call("POST", SS3 + "/state/off", null).json().getString("state")).isEqualTo("OFF");
    assertThat(alarmState()).isEqualTo("OFF");
    assertThat(recentCids()).containsExactly(9407, 3407, 1407);
  }

  @Test
  void lockAndUnlockChangeTheLockSensor() throws Exception {
    String lock =
        "/v1/doorlock/"
            + SimpliSafeDemoAccount.SID
            + "/"
            + SimpliSafeSystemState.LOCK_SERIAL
            + "/state";
    Reply reply = call("POST", lock, new JsonObject().put("state", "unlock"));
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEmpty();
    assertThat(lockState()).isEqualTo(SimpliSafeSystemState.UNLOCKED);
    call("POST", lock, new JsonObject().put("state", "lock"));
    assertThat(lockState()).isEqualTo(SimpliSafeSystemState.LOCKED);
    assertThat(recentCids()).containsExactly(9700, 9701);
    assertThat(call("POST", lock, new JsonObject().put("state", "open")).status()).isEqualTo(400);
  }

  private int lockState() throws Exception {
    for (Object o :
        call("GET", SS3 + "/sensors?forceUpdate=false", null).json().getJsonArray("sensors")) {
      JsonObject s = (JsonObject) o;
      if (s.getInteger("type") == 16) {
        return s.getJsonObject("status").getInteger("lockState");
      }
    }
    throw new AssertionError("no lock sensor");
  }

  @Test
  void faultsAnswerAsTheRealCloud() throws Exception {
    // GIVEN a base station syncing for two calls
    MOCK.admin().faults("simplisafe", new JsonObject().put("syncing", 2));
    assertThat(call("POST", SS3 + "/state/home", null).status()).isEqualTo(409);
    assertThat(call("POST", SS3 + "/state/home", null).status()).isEqualTo(409);
    assertThat(call("POST", SS3 + "/state/home", null).status()).isEqualTo(200);
    assertThat(alarmState()).isEqualTo("HOME");
    // no remote management and a wrong PIN are named in the body
    MOCK.admin()
        .faults(
            "simplisafe", new JsonObject().put("syncing", null).put("noRemoteManagement", true));
    Reply refused = call("POST", SS3 + "/state/off", null);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().getString("type")).isEqualTo("NoRemoteManagement");
    MOCK.admin()
        .faults(
            "simplisafe", new JsonObject().put("noRemoteManagement", null).put("pinError", true));
    assertThat(call("POST", SS3 + "/state/off", null).json().getString("type"))
        .isEqualTo("PinError");
    assertThat(alarmState()).isEqualTo("HOME");
  }

  @Test
  void v2RoutesAndAdminState() throws Exception {
    Reply v2 =
        call("POST", "/v1/subscriptions/" + SimpliSafeDemoAccount.SID + "/state?state=home", null);
    assertThat(v2.json().getString("requestedState")).isEqualTo("home");
    assertThat(
            call(
                    "GET",
                    "/v1/subscriptions/"
                        + SimpliSafeDemoAccount.SID
                        + "/settings?settingsType=all&cached=true",
                    null)
                .json()
                .getJsonObject("settings")
                .getJsonArray("sensors"))
        .hasSize(4);
    // the admin API reads and sets device state
    JsonObject set =
        MOCK.admin()
            .send(
                "PUT",
                "/simplisafe/system",
                new JsonObject()
                    .put("alarmState", "OFF")
                    .put(
                        "sensors",
                        new JsonObject()
                            .put(
                                SimpliSafeSystemState.ENTRY_SERIAL,
                                new JsonObject()
                                    .put("flags", new JsonObject().put("lowBattery", true))))
                    .encode());
    assertThat(set.getString("alarmState")).isEqualTo("OFF");
    assertThat(alarmState()).isEqualTo("OFF");
    JsonObject entry =
        call("GET", SS3 + "/sensors", null).json().getJsonArray("sensors").getJsonObject(1);
    assertThat(entry.getJsonObject("flags").getBoolean("lowBattery")).isTrue();
    assertThat(entry.getJsonObject("flags").getBoolean("offline")).isFalse();
    // another system's state is not ours
    assertThat(call("GET", "/v1/ss3/subscriptions/1/sensors", null).status()).isEqualTo(403);
  }
}
