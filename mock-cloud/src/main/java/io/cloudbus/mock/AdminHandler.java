package io.cloudbus.mock;

import io.vertx.core.json.JsonObject;

/**
 * A vendor-specific admin route ({@code POST /admin/simplisafe/events}, ...). Runs on the mock
 * cloud's event-loop context; must not block. Throw {@link IllegalArgumentException} for bad input:
 * it becomes a 400 {@code {"error":"<message>"}}. Any other exception becomes a 500.
 */
@FunctionalInterface
public interface AdminHandler {
  /** Handles {@code request}; the returned object (never null) is the 200 JSON response body. */
  JsonObject handle(AdminRequest request);
}
