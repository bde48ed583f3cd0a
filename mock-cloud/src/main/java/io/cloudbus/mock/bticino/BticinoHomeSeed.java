package io.cloudbus.mock.bticino;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The seeded demo account of the BTicino emulation: one user, one home with a Classe 100X bridge
 * ({@code BNC1}), its external unit ({@code BNEU}), door lock ({@code BNDL}) and staircase light
 * ({@code BNSL}). Values are documented in docs/adapters/bticino.md; none is a real secret.
 */
public final class BticinoHomeSeed {

  public static final String USERNAME = "demo@cloudbus.invalid";
  public static final String PASSWORD = "demo-password";
  public static final String CLIENT_ID = "na_client_android_welcome";
  public static final String CLIENT_SECRET = "mock-client-secret";

  public static final String HOME_ID = "5f3c2a1b9d8e7f6a5b4c3d2e";
  public static final String HOME_NAME = "Demo Home";
  public static final String BRIDGE_ID = "00:03:50:aa:bb:cc";
  public static final String BRIDGE_TYPE = "BNC1";
  public static final String EXTERNAL_UNIT_ID = "aabbcc-0001-0000000001";
  public static final String DOOR_LOCK_ID = "aabbcc-0002-0000000002";
  public static final String LIGHT_ID = "aabbcc-0003-0000000003";

  private BticinoHomeSeed() {}

  /** The {@code homesdata} home object. */
  public static JsonObject home() {
    JsonArray modules =
        new JsonArray()
            .add(
                new JsonObject()
                    .put("id", BRIDGE_ID)
                    .put("type", BRIDGE_TYPE)
                    .put("name", "Classe 100X16E")
                    .put("setup_date", 1_700_000_000L)
                    .put("room_id", "1")
                    .put(
                        "modules_bridged",
                        new JsonArray().add(EXTERNAL_UNIT_ID).add(DOOR_LOCK_ID).add(LIGHT_ID)))
            .add(
                new JsonObject()
                    .put("id", EXTERNAL_UNIT_ID)
                    .put("type", "BNEU")
                    .put("name", "Street door")
                    .put("bridge", BRIDGE_ID)
                    .put("setup_date", 1_700_000_000L)
                    .put("room_id", "1"))
            .add(
                new JsonObject()
                    .put("id", DOOR_LOCK_ID)
                    .put("type", "BNDL")
                    .put("name", "Door lock")
                    .put("bridge", BRIDGE_ID)
                    .put("setup_date", 1_700_000_000L)
                    .put("room_id", "1"))
            .add(
                new JsonObject()
                    .put("id", LIGHT_ID)
                    .put("type", "BNSL")
                    .put("name", "Staircase light")
                    .put("bridge", BRIDGE_ID)
                    .put("setup_date", 1_700_000_000L)
                    .put("room_id", "1"));
    return new JsonObject()
        .put("id", HOME_ID)
        .put("name", HOME_NAME)
        .put("timezone", "Europe/Rome")
        .put("modules", modules)
        .put("rooms", new JsonArray().add(new JsonObject().put("id", "1").put("name", "Hall")));
  }
}
