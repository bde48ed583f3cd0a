package io.cloudbus.mock.generic;

import io.cloudbus.mock.AdminRequest;
import io.cloudbus.mock.MockCloudContext;
import io.cloudbus.mock.MockRequest;
import io.cloudbus.mock.MockResponse;
import io.cloudbus.mock.MockSocket;
import io.cloudbus.mock.VendorEmulation;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Pylight app as its code behaves (see docs/protocols): {@code /ws/{table}} for each of {@link
 * #TABLES}, no auth, no subscribe step (every socket of a table gets every change), the default
 * handler's echo {@code {"message":"Received","data":<raw text>}} for each client frame, and
 * broadcasts in the code's shape {@code {"type":"create"|"update"|"delete","model":T,"data":..}}
 * after REST {@code POST /api/{table}}, {@code PUT /api/{table}/{id}}, {@code DELETE
 * /api/{table}/{id}} ({@code data} is {@code {"id":..}} only for delete).
 *
 * <p>Admin {@code POST /admin/generic/pylight/messages}: raw messages, each broadcast to the
 * sockets of its {@code model} table (or {@code resource}, the docs' shape), else to all sockets.
 */
public final class PylightEmulation implements VendorEmulation {

  /** The tables (models) this app serves; Pylight registers one route per model. */
  public static final List<String> TABLES = List.of("products", "orders", "users", "sensors");

  private static final String TABLE = "table";

  private MockCloudContext ctx;
  private final Map<String, Map<Long, JsonObject>> rows = new HashMap<>();
  private long nextId;

  @Override
  public String name() {
    return "pylight";
  }

  @Override
  public List<String> adminAliases() {
    return List.of("generic/pylight");
  }

  @Override
  public void install(MockCloudContext ctx) {
    this.ctx = ctx;
    for (String table : TABLES) {
      ctx.webSocket("/ws/" + table, socket -> open(socket, table));
    }
    ctx.restMatching("POST", "/api/[a-z_]+", r -> write(r, "create"));
    ctx.restMatching("PUT", "/api/[a-z_]+/[0-9]+", r -> write(r, "update"));
    ctx.restMatching("DELETE", "/api/[a-z_]+/[0-9]+", r -> write(r, "delete"));
    ctx.adminRoute(HttpMethod.POST, "messages", this::messages);
    reset();
  }

  @Override
  public JsonObject endpoints() {
    return new JsonObject()
        .put("url", ctx.wsBaseUrl())
        .put("socketUrl", ctx.wsBaseUrl() + "/ws/{table}")
        .put("apiBaseUrl", ctx.restBaseUrl() + "/api")
        .put("tables", new JsonArray(TABLES));
  }

  @Override
  public void reset() {
    rows.clear();
    nextId = 1;
  }

  private void open(MockSocket socket, String table) {
    socket.attribute(TABLE, table);
    // DefaultWebSocketHandler.on_message: echo the raw text back.
    socket.textHandler(
        text -> socket.send(new JsonObject().put("message", "Received").put("data", text)));
    socket.handshakeDone();
  }

  private MockResponse write(MockRequest request, String type) {
    String[] parts = request.path().split("/");
    String table = parts[2];
    if (!TABLES.contains(table)) {
      return MockResponse.json(404, new JsonObject().put("error", "Not Found"));
    }
    Map<Long, JsonObject> t = rows.computeIfAbsent(table, k -> new LinkedHashMap<>());
    JsonObject data;
    int status = 200;
    if ("create".equals(type)) {
      data = body(request).put("id", nextId++);
      t.put(data.getLong("id"), data);
      status = 201;
    } else {
      long id = Long.parseLong(parts[3]);
      if (!t.containsKey(id)) {
        return MockResponse.json(404, new JsonObject().put("error", "Not Found"));
      }
      if ("update".equals(type)) {
        data = t.get(id).copy().mergeIn(body(request)).put("id", id);
        t.put(id, data);
      } else {
        t.remove(id);
        data = new JsonObject().put("id", id);
      }
    }
    broadcast(new JsonObject().put("type", type).put("model", table).put("data", data));
    return MockResponse.json(status, data);
  }

  private static JsonObject body(MockRequest request) {
    try {
      JsonObject b = request.jsonBody();
      return b == null ? new JsonObject() : b.copy();
    } catch (RuntimeException e) {
      return new JsonObject();
    }
  }

  private int broadcast(JsonObject message) {
    Object table = message.getValue("model");
    if (table == null) {
      table = message.getValue("resource");
    }
    Object t = table;
    return ctx.sockets().push(message, s -> t == null || t.equals(s.attribute(TABLE)));
  }

  private JsonObject messages(AdminRequest request) {
    int pushed = 0;
    java.util.Set<Long> reached = new java.util.HashSet<>();
    for (JsonObject m : request.jsonObjects()) {
      Object table = m.getValue("model") != null ? m.getValue("model") : m.getValue("resource");
      for (MockSocket s : ctx.sockets().all()) {
        if ((table == null || table.equals(s.attribute(TABLE))) && s.push(m)) {
          reached.add(s.id());
          pushed++;
        }
      }
    }
    return new JsonObject().put("pushed", pushed).put("sockets", reached.size());
  }
}
