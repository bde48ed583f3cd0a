package io.cloudbus.mock.generic;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The services the emulated server offers ({@code get_services} descriptions) and what {@code
 * call_service} does with them, on the one state machine: {@code light}/{@code switch} {@code
 * turn_on}/{@code turn_off}/{@code toggle} on the entities named by {@code target} and {@code
 * service_data} ({@code entity_id} a string, a list or {@code "all"}), {@code
 * weather.get_forecasts} (response only) and {@code homeassistant.check_config}. The {@code
 * call_service} event goes out first, then each {@code state_changed}, all with the call's context;
 * {@code return_response} is checked as Home Assistant does. Used on the mock cloud's context only.
 */
final class HomeAssistantServices {

  /** How a service answers, as Home Assistant's {@code SupportsResponse}. */
  enum Response {
    NONE,
    OPTIONAL,
    ONLY
  }

  record Service(String name, String description, String targetDomain, Response response) {}

  private static final JsonObject RETURN_RESPONSE =
      new JsonObject().put("return_response", "return_response=True");

  private final Map<String, Map<String, Service>> services = new TreeMap<>();
  private final HomeAssistantStates states;
  private final HomeAssistantBus bus;

  HomeAssistantServices(HomeAssistantStates states, HomeAssistantBus bus) {
    this.states = states;
    this.bus = bus;
    for (String domain : new String[] {"light", "switch"}) {
      add(domain, "turn_on", "Turn on", "Turns on one or more " + domain + "s.", domain);
      add(domain, "turn_off", "Turn off", "Turns off one or more " + domain + "s.", domain);
      add(domain, "toggle", "Toggle", "Toggles one or more " + domain + "s.", domain);
    }
    services
        .computeIfAbsent("weather", k -> new TreeMap<>())
        .put(
            "get_forecasts",
            new Service("Get forecasts", "Get weather forecasts.", "weather", Response.ONLY));
    services
        .computeIfAbsent("homeassistant", k -> new TreeMap<>())
        .put(
            "check_config",
            new Service(
                "Check configuration", "Checks the configuration files.", null, Response.NONE));
  }

  private void add(String domain, String service, String name, String description, String target) {
    services
        .computeIfAbsent(domain, k -> new TreeMap<>())
        .put(service, new Service(name, description, target, Response.NONE));
  }

  /** {@code get_services}: {@code {domain: {service: {name, description, fields, target?}}}}. */
  JsonObject descriptions() {
    JsonObject out = new JsonObject();
    services.forEach(
        (domain, byName) -> {
          JsonObject d = new JsonObject();
          byName.forEach(
              (name, s) -> {
                JsonObject desc =
                    new JsonObject()
                        .put("name", s.name())
                        .put("description", s.description())
                        .put("fields", new JsonObject());
                if (s.targetDomain() != null) {
                  desc.put(
                      "target",
                      new JsonObject()
                          .put(
                              "entity",
                              new JsonArray()
                                  .add(
                                      new JsonObject()
                                          .put("domain", new JsonArray().add(s.targetDomain())))));
                }
                if (s.response() != Response.NONE) {
                  desc.put(
                      "response",
                      new JsonObject().put("optional", s.response() == Response.OPTIONAL));
                }
                d.put(name, desc);
              });
          out.put(domain, d);
        });
    return out;
  }

  /**
   * Runs a {@code call_service} command (already schema-checked) for the user {@code userId}.
   *
   * @return the result: {@code {"context":..}} plus {@code "response"} when asked for
   * @throws HaError {@code not_found} for an unknown service, {@code service_validation_error} for
   *     {@code return_response} misuse
   */
  JsonObject call(JsonObject msg, String userId) {
    String domain = msg.getString("domain");
    String name = msg.getString("service");
    Service service = services.getOrDefault(domain, Map.of()).get(name);
    if (service == null) {
      throw new HaError(
          "not_found",
          "Service " + domain + "." + name + " not found.",
          new JsonObject()
              .put("translation_key", "service_not_found")
              .put("translation_domain", "homeassistant")
              .put(
                  "translation_placeholders",
                  new JsonObject().put("domain", domain).put("service", name)));
    }
    boolean wantResponse = Boolean.TRUE.equals(msg.getValue("return_response"));
    if (wantResponse && service.response() == Response.NONE) {
      throw validation(
          "service_does_not_support_response",
          "An action which does not return responses can't be called with return_response=True");
    }
    if (!wantResponse && service.response() == Response.ONLY) {
      throw validation(
          "service_lacks_response_request",
          "The action requires responses and must be called with return_response=True");
    }
    JsonObject serviceData = msg.getJsonObject("service_data", new JsonObject()).copy();
    JsonObject target = msg.getJsonObject("target", new JsonObject());
    Set<String> entities = targets(service.targetDomain(), target, serviceData);
    if (!entities.isEmpty()) {
      serviceData.put("entity_id", new JsonArray(entities.stream().toList()));
    }
    JsonObject context = HaTime.context(userId);
    bus.fire(
        "call_service",
        new JsonObject()
            .put("domain", domain)
            .put("service", name)
            .put("service_data", serviceData),
        context);
    JsonObject response = new JsonObject();
    for (String entity : entities) {
      HaState old = states.get(entity);
      if ("weather".equals(domain)) {
        response.put(entity, new JsonObject().put("forecast", new JsonArray()));
      } else if (old != null) {
        apply(old, name, serviceData, context);
      }
    }
    JsonObject result = new JsonObject().put("context", context);
    if (wantResponse) {
      result.put("response", response);
    }
    return result;
  }

  private void apply(HaState old, String service, JsonObject serviceData, JsonObject context) {
    String now =
        switch (service) {
          case "turn_on" -> "on";
          case "turn_off" -> "off";
          case "toggle" -> "on".equals(old.state()) ? "off" : "on";
          default -> old.state();
        };
    JsonObject attributes = old.attributes().copy();
    if ("light".equals(old.domain()) && attributes.containsKey("brightness")) {
      Object wanted = serviceData.getValue("brightness");
      Object kept = attributes.getValue("brightness");
      attributes.put(
          "brightness",
          "off".equals(now)
              ? null
              : wanted instanceof Number n ? n.intValue() : kept == null ? 255 : kept);
      attributes.put("color_mode", "off".equals(now) ? null : "brightness");
    }
    states.set(old.entityId(), now, attributes, context, false);
  }

  /** The entities named by {@code target} and {@code service_data}, of the service's domain. */
  private Set<String> targets(String domain, JsonObject target, JsonObject serviceData) {
    Set<String> out = new LinkedHashSet<>();
    for (Object v :
        new Object[] {target.getValue("entity_id"), serviceData.getValue("entity_id")}) {
      if ("all".equals(v)) {
        states.all().stream()
            .filter(s -> domain != null && s.domain().equals(domain))
            .forEach(s -> out.add(s.entityId()));
      } else if (v instanceof String s) {
        for (String part : s.split(",")) {
          out.add(part.trim());
        }
      } else if (v instanceof JsonArray a) {
        a.forEach(x -> out.add(String.valueOf(x)));
      }
    }
    return out;
  }

  private static HaError validation(String key, String message) {
    return new HaError(
        "service_validation_error",
        "Validation error: " + message,
        new JsonObject()
            .put("translation_key", key)
            .put("translation_domain", "homeassistant")
            .put("translation_placeholders", RETURN_RESPONSE.copy()));
  }
}
