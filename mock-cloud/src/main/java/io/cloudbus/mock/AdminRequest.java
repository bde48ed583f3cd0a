package io.cloudbus.mock;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A call to a vendor-specific admin route. Read-only; used on the mock cloud's context only. */
public interface AdminRequest {

  /** The value of path parameter {@code name} (from {@code :name} in the subpath), or null. */
  String pathParam(String name);

  /** The first value of query parameter {@code name}, or null. */
  String query(String name);

  /** The raw body text (empty when none). */
  String body();

  /**
   * The body as JSON: a {@link JsonObject} or a {@link JsonArray}.
   *
   * @throws IllegalArgumentException when the body is empty or not JSON (becomes a 400)
   */
  Object json();

  /**
   * The body as a list of objects: a single JSON object gives a list of one, an array gives its
   * elements (in order).
   *
   * @throws IllegalArgumentException when the body is not JSON, or an element is not an object
   *     (names its index); becomes a 400
   */
  List<JsonObject> jsonObjects();
}
