package io.cloudbus.mock.generic;

import io.vertx.core.json.JsonObject;

/**
 * A command failure with Home Assistant's error code ({@code invalid_format}, {@code not_found},
 * {@code service_validation_error}, {@code template_error}, ...) and message, optionally with the
 * translation fields the real server adds.
 */
final class HaError extends RuntimeException {

  private final String code;
  private final JsonObject translation;

  HaError(String code, String message) {
    this(code, message, null);
  }

  HaError(String code, String message, JsonObject translation) {
    super(message, null, false, false);
    this.code = code;
    this.translation = translation;
  }

  static HaError invalid(String message) {
    return new HaError("invalid_format", message);
  }

  /** The voluptuous message for a missing key. */
  static HaError missing(String key) {
    return invalid("required key not provided @ data['" + key + "']");
  }

  String code() {
    return code;
  }

  /** The {@code result} message for command {@code id}. */
  JsonObject toResult(Object id) {
    JsonObject error = new JsonObject().put("code", code).put("message", getMessage());
    if (translation != null) {
      error.mergeIn(translation);
    }
    return new JsonObject()
        .put("id", id)
        .put("type", "result")
        .put("success", false)
        .put("error", error);
  }
}
