package io.cloudbus.cli.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cloudbus.mqtt.MqttOutputOptions;
import io.cloudbus.webhooks.WebhookOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A whole configuration file: the sections {@link ConfigLoader} validates (service, token store,
 * accounts, cluster) plus the output sections it does not know, today {@code mqtt:} (see
 * docs/mqtt.md) and {@code webhooks:} (docs/webhooks.md). The output sections are taken out of the
 * document, their {@code ${ENV}} references resolved and validated here, and the rest goes through
 * {@link ConfigLoader} unchanged; the errors of both are reported together, each naming its field.
 *
 * <p>Blocking (reads a file). Thread-safe.
 */
public final class ConfigFile {

  /** The outputs this class handles: top-level keys taken out before {@link ConfigLoader}. */
  static final List<String> OUTPUT_SECTIONS = List.of("mqtt", "webhooks");

  /**
   * A loaded configuration.
   *
   * @param gateway the service, token store, accounts and cluster
   * @param mqtt the {@code mqtt:} section; null when absent
   * @param webhooks the {@code webhooks:} list; empty when absent
   */
  public record Loaded(
      GatewayConfig gateway, MqttOutputOptions mqtt, List<WebhookOptions> webhooks) {}

  private ConfigFile() {}

  /**
   * Reads and validates {@code file}.
   *
   * @param env environment lookup (null for an unset variable)
   * @throws ConfigException listing every problem of every section
   */
  public static Loaded load(Path file, Function<String, String> env, ConfigLoader loader)
      throws ConfigException {
    JsonObject root = readOrNull(file);
    if (root == null || OUTPUT_SECTIONS.stream().noneMatch(root::containsKey)) {
      // nothing of ours (or unreadable): the loader reads it and reports as usual
      return new Loaded(loader.load(file), null, List.of());
    }
    List<String> errors = new ArrayList<>();
    JsonObject outputs = new JsonObject();
    for (String section : OUTPUT_SECTIONS) {
      Object value = root.getValue(section);
      root.remove(section);
      if (value != null) {
        outputs.put(section, value);
      }
    }
    new EnvResolver(env, errors).resolve(outputs);
    MqttOutputOptions mqtt = null;
    if (outputs.containsKey("mqtt")) {
      if (outputs.getValue("mqtt") instanceof JsonObject section) {
        try {
          mqtt = MqttOutputOptions.fromJson(section);
        } catch (IllegalArgumentException e) {
          errors.add("mqtt." + e.getMessage());
        }
      } else {
        errors.add("mqtt: expected an object");
      }
    }
    List<WebhookOptions> webhooks = webhooks(outputs, errors);
    GatewayConfig gateway = null;
    try {
      // The rest, as JSON: it was parsed already, so no syntax error can come from here.
      gateway = loader.parse(root.encode(), true, file.toAbsolutePath().getParent());
    } catch (ConfigException e) {
      errors.addAll(0, e.errors());
    }
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
    return new Loaded(gateway, mqtt, webhooks);
  }

  private static List<WebhookOptions> webhooks(JsonObject outputs, List<String> errors) {
    List<WebhookOptions> webhooks = new ArrayList<>();
    if (!outputs.containsKey("webhooks")) {
      return webhooks;
    }
    if (!(outputs.getValue("webhooks") instanceof JsonArray list)) {
      errors.add("webhooks: expected a list");
      return webhooks;
    }
    for (int i = 0; i < list.size(); i++) {
      if (!(list.getValue(i) instanceof JsonObject entry)) {
        errors.add("webhooks[" + i + "]: expected an object");
        continue;
      }
      try {
        WebhookOptions w = WebhookOptions.fromJson(entry);
        // the name keys the webhook's delivery cursor in the journal: one per webhook
        if (webhooks.stream().anyMatch(o -> o.name().equals(w.name()))) {
          errors.add(
              "webhooks[" + i + "].name: " + w.name() + " is already used by another webhook");
        }
        webhooks.add(w);
      } catch (IllegalArgumentException e) {
        errors.add("webhooks[" + i + "]." + e.getMessage());
      }
    }
    return webhooks;
  }

  /** The document as JSON, or null when it cannot be read or parsed (the loader says why). */
  private static JsonObject readOrNull(Path file) {
    try {
      String text = Files.readString(file);
      boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
      ObjectMapper mapper = json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
      Object parsed = mapper.readValue(text, Object.class);
      if (!(parsed instanceof Map<?, ?> map)) {
        return null;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) map;
      return new JsonObject(m);
    } catch (Exception e) {
      return null;
    }
  }
}
