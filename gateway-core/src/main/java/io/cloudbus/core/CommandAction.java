package io.cloudbus.core;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * A named command an adapter declares: its {@code action} name, its arguments and the device types
 * it applies to. Listed by the {@code actions} command on {@code
 * cloudbus.command.<vendor>.<account>} and by {@code GET
 * /api/accounts/{vendor}/{account}/commands}.
 *
 * @param name the {@code action} value, e.g. {@code arm_away}
 * @param description one line for people
 * @param arguments argument names ({@code device}, {@code domain}, ...); required ones in {@code
 *     required}
 * @param required the arguments that must be present
 * @param deviceTypes the device types it acts on (e.g. {@code alarm}, {@code lock}); empty for the
 *     account as a whole
 */
public record CommandAction(
    String name,
    String description,
    List<String> arguments,
    List<String> required,
    List<String> deviceTypes) {

  public CommandAction {
    Objects.requireNonNull(name, "name");
    description = description == null ? "" : description;
    arguments = List.copyOf(arguments);
    required = List.copyOf(required);
    deviceTypes = List.copyOf(deviceTypes);
  }

  /** The JSON form: {@code {name, description, arguments, required, deviceTypes}}. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("name", name)
        .put("description", description)
        .put("arguments", new JsonArray(List.copyOf(arguments)))
        .put("required", new JsonArray(List.copyOf(required)))
        .put("deviceTypes", new JsonArray(List.copyOf(deviceTypes)));
  }
}
