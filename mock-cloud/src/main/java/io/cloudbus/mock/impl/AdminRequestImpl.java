package io.cloudbus.mock.impl;

import io.cloudbus.mock.AdminRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/** {@link AdminRequest} over a Vert.x Web routing context whose body has been read. */
final class AdminRequestImpl implements AdminRequest {
  private final RoutingContext rc;

  AdminRequestImpl(RoutingContext rc) {
    this.rc = rc;
  }

  @Override
  public String pathParam(String name) {
    return rc.pathParam(name);
  }

  @Override
  public String query(String name) {
    return rc.queryParams().get(name);
  }

  @Override
  public String body() {
    return AdminBodyReader.bodyOf(rc);
  }

  @Override
  public Object json() {
    return parse(body());
  }

  @Override
  public List<JsonObject> jsonObjects() {
    Object json = json();
    if (json instanceof JsonObject object) {
      return List.of(object);
    }
    JsonArray array = (JsonArray) json;
    List<JsonObject> items = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject item)) {
        throw new IllegalArgumentException("element " + i + " is not a JSON object");
      }
      items.add(item);
    }
    return items;
  }

  /** Parses a JSON object or array; an empty body, bad JSON or a scalar is an error. */
  static Object parse(String body) {
    if (body.isBlank()) {
      throw new IllegalArgumentException("a JSON body is required");
    }
    Object value;
    try {
      value = Json.decodeValue(body);
    } catch (DecodeException e) {
      String why = e.getMessage() == null ? "" : e.getMessage();
      throw new IllegalArgumentException(
          "body is not valid JSON (the admin API reads every body as JSON, whatever its"
              + " Content-Type): "
              + (why.length() > 200 ? why.substring(0, 200) + "..." : why));
    }
    if (value instanceof JsonObject || value instanceof JsonArray) {
      return value;
    }
    throw new IllegalArgumentException("body must be a JSON object or array");
  }

  /** Parses an optional JSON object body: empty gives an empty object. */
  static JsonObject optionalObject(String body) {
    if (body.isBlank()) {
      return new JsonObject();
    }
    if (parse(body) instanceof JsonObject object) {
      return object;
    }
    throw new IllegalArgumentException("body must be a JSON object");
  }
}
