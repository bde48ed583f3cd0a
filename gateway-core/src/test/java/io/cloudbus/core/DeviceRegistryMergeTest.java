package io.cloudbus.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceRegistryMergeTest {

  private final List<CloudbusEvent> published = new ArrayList<>();
  private final DeviceRegistry registry =
      new DeviceRegistry(
          "simplisafe",
          "home",
          events -> {
            published.addAll(events);
            return Future.succeededFuture();
          });

  @Test
  void aRepeatedStatePublishesNothingAndAChangePublishesOnce() {
    // GIVEN a lock known as locked
    registry.put(
        "lock1", "lock", "Front", new JsonObject().put("locked", true).put("jammed", false));
    published.clear();
    // WHEN the same fields arrive again (the usual push), THEN nothing changes
    assertFalse(registry.merge("lock1", new JsonObject().put("locked", true)));
    assertFalse(registry.merge("lock1", new JsonObject().put("locked", true).put("jammed", false)));
    assertTrue(published.isEmpty());
    // WHEN a field changes or a new field arrives, THEN one device.changed each
    assertTrue(registry.merge("lock1", new JsonObject().put("locked", false)));
    assertTrue(registry.merge("lock1", new JsonObject().put("battery", (Object) null)));
    assertFalse(registry.merge("lock1", new JsonObject().put("battery", (Object) null)));
    assertEquals(2, published.size());
    assertEquals(
        new JsonObject().put("locked", false).put("jammed", false).put("battery", (Object) null),
        registry.stateOf("lock1"));
    JsonObject data = published.get(0).data();
    assertEquals(true, data.getJsonObject("old").getValue("locked"));
    assertEquals(false, data.getJsonObject("new").getValue("locked"));
  }

  @Test
  void aNumberOfAnotherJavaTypeButEqualValueChangesNothing() {
    registry.put("sys", "alarm", null, new JsonObject().put("level", 3));
    published.clear();
    assertFalse(registry.merge("sys", new JsonObject().put("level", 3L)));
    assertTrue(published.isEmpty());
  }
}
