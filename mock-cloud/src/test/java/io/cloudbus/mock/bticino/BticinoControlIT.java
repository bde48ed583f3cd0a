package io.cloudbus.mock.bticino;

import static io.cloudbus.mock.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.mock.MockCloudExtension;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** homestatus and setstate as pybticino calls them, with the module state kept. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BticinoControlIT {

  @RegisterExtension
  static final MockCloudExtension MOCK = new MockCloudExtension(List.of(new BticinoEmulation()));

  WebClient web;
  String token;

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  @BeforeEach
  void login() throws Exception {
    web = WebClient.create(MOCK.vertx());
    token = login("0123456789abcdef0123456789ABCDEF").bodyAsJsonObject().getString("access_token");
  }

  @AfterEach
  void close() {
    web.close();
  }

  /** A password login as pybticino sends it: the Android app's client id and its secret's form. */
  HttpResponse<Buffer> login(String secret) throws Exception {
    MultiMap form =
        MultiMap.caseInsensitiveMultiMap()
            .add("grant_type", "password")
            .add("username", BticinoHomeSeed.USERNAME)
            .add("password", BticinoHomeSeed.PASSWORD)
            .add("client_id", "na_client_android_welcome")
            .add("client_secret", secret)
            .add("scope", "security_scopes")
            .add("app_version", "4.1.1.3");
    return await(
        web.postAbs(MOCK.cloud().endpoints("bticino").getString("tokenUrl")).sendForm(form));
  }

  JsonObject api(String path, JsonObject body) throws Exception {
    return await(
            web.postAbs(MOCK.cloud().endpoints("bticino").getString("apiBaseUrl") + path)
                .bearerTokenAuthentication(token)
                .sendJsonObject(body.put("app_type", "app_camera").put("app_version", "4.1.1.3")))
        .bodyAsJsonObject();
  }

  JsonObject module(String id) throws Exception {
    JsonObject status =
        api("/syncapi/v1/homestatus", new JsonObject().put("home_id", BticinoHomeSeed.HOME_ID));
    for (Object o : status.getJsonObject("body").getJsonObject("home").getJsonArray("modules")) {
      if (id.equals(((JsonObject) o).getString("id"))) {
        return (JsonObject) o;
      }
    }
    throw new AssertionError("no module " + id);
  }

  static JsonObject setState(String module, JsonObject state) {
    return new JsonObject()
        .put(
            "home",
            new JsonObject()
                .put("id", BticinoHomeSeed.HOME_ID)
                .put("timezone", "Europe/Rome")
                .put(
                    "modules",
                    new JsonArray()
                        .add(state.put("id", module).put("bridge", BticinoHomeSeed.BRIDGE_ID))));
  }

  @Test
  void theAppClientIsAcceptedAndAForgedSecretIsNot() throws Exception {
    assertThat(token).isNotBlank();
    HttpResponse<Buffer> bad = login("not-hex");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsJsonObject().getString("error")).isEqualTo("invalid_client");
  }

  @Test
  void unlockAndLightChangeHomeStatus() throws Exception {
    assertThat(module(BticinoHomeSeed.DOOR_LOCK_ID).getBoolean("lock")).isTrue();
    JsonObject answer =
        api(
            "/syncapi/v1/setstate",
            setState(BticinoHomeSeed.DOOR_LOCK_ID, new JsonObject().put("lock", false)));
    assertThat(answer.getString("status")).isEqualTo("ok");
    assertThat(answer.containsKey("body")).isFalse();
    assertThat(module(BticinoHomeSeed.DOOR_LOCK_ID).getBoolean("lock")).isFalse();
    api(
        "/syncapi/v1/setstate",
        setState(BticinoHomeSeed.LIGHT_ID, new JsonObject().put("on", true)));
    assertThat(module(BticinoHomeSeed.LIGHT_ID).getString("status")).isEqualTo("on");
  }

  @Test
  void unreachableModulesAndFaultsGivePartialErrors() throws Exception {
    // GIVEN an unreachable lock (admin state)
    MOCK.admin()
        .send(
            "PUT",
            "/bticino/modules",
            new JsonObject()
                .put(BticinoHomeSeed.DOOR_LOCK_ID, new JsonObject().put("reachable", false))
                .encode());
    // THEN homestatus names it with code 6 and setstate answers a partial error, state unchanged
    JsonObject status =
        api("/syncapi/v1/homestatus", new JsonObject().put("home_id", BticinoHomeSeed.HOME_ID));
    assertThat(
            status.getJsonObject("body").getJsonArray("errors").getJsonObject(0).getInteger("code"))
        .isEqualTo(6);
    JsonObject answer =
        api(
            "/syncapi/v1/setstate",
            setState(BticinoHomeSeed.DOOR_LOCK_ID, new JsonObject().put("lock", false)));
    assertThat(answer.getString("status")).isEqualTo("ok");
    JsonObject error = answer.getJsonObject("body").getJsonArray("errors").getJsonObject(0);
    assertThat(error.getInteger("code")).isEqualTo(6);
    assertThat(error.getString("id")).isEqualTo(BticinoHomeSeed.DOOR_LOCK_ID);
    assertThat(module(BticinoHomeSeed.DOOR_LOCK_ID).getBoolean("lock")).isTrue();
    // AND the partialError fault fails a reachable module too
    MOCK.admin().faults("bticino", new JsonObject().put("partialError", 23));
    JsonObject light =
        api(
            "/syncapi/v1/setstate",
            setState(BticinoHomeSeed.LIGHT_ID, new JsonObject().put("on", true)));
    assertThat(
            light.getJsonObject("body").getJsonArray("errors").getJsonObject(0).getInteger("code"))
        .isEqualTo(23);
    assertThat(module(BticinoHomeSeed.LIGHT_ID).getBoolean("on")).isFalse();
  }
}
