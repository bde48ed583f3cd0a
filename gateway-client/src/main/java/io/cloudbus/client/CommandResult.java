package io.cloudbus.client;

import java.util.Map;

/**
 * The answer to {@link CloudbusClient#command}: {@code ok} with the adapter's {@code result}, or
 * not ok with the {@code error} code (e.g. {@code not_connected}, {@code base_station_syncing},
 * {@code device_unreachable}, {@code forbidden}) and message. Immutable.
 *
 * @param ok whether the command succeeded
 * @param result the result object when ok (empty otherwise)
 * @param errorCode the error code when not ok (null otherwise)
 * @param errorMessage the error message when not ok (null otherwise)
 * @param httpStatus the HTTP status of the service's answer
 */
public record CommandResult(
    boolean ok, Map<String, Object> result, String errorCode, String errorMessage, int httpStatus) {

  public CommandResult {
    result = result == null ? Map.of() : Map.copyOf(result);
  }
}
