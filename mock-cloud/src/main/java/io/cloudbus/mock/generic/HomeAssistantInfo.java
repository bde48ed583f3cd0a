package io.cloudbus.mock.generic;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The fixed answers of the emulated server: {@code get_config} (the shape of {@code
 * hass.config.as_dict()}), {@code get_panels} and {@code auth/current_user} for the owner behind
 * the long-lived token.
 */
final class HomeAssistantInfo {

  /** The owner's user id (Home Assistant's are 32 hex characters). */
  static final String USER_ID = "8f3c1e2a5b6d4c7e9f0a1b2c3d4e5f60";

  private HomeAssistantInfo() {}

  static JsonObject config() {
    return new JsonObject()
        .put("allowlist_external_dirs", new JsonArray().add("/config/www").add("/media"))
        .put("allowlist_external_urls", new JsonArray())
        .put(
            "components",
            new JsonArray()
                .add("api")
                .add("auth")
                .add("frontend")
                .add("homeassistant")
                .add("http")
                .add("light")
                .add("switch")
                .add("weather")
                .add("websocket_api"))
        .put("config_dir", "/config")
        .put("config_source", "storage")
        .put("country", "GB")
        .put("currency", "EUR")
        .put("debug", false)
        .put("elevation", 10)
        .put("external_url", null)
        .put("internal_url", null)
        .put("language", "en")
        .put("latitude", 52.3731)
        .put("location_name", "Mock Home")
        .put("longitude", 4.8922)
        .put("radius", 100)
        .put("recovery_mode", false)
        .put("safe_mode", false)
        .put("state", "RUNNING")
        .put("time_zone", "UTC")
        .put(
            "unit_system",
            new JsonObject()
                .put("length", "km")
                .put("accumulated_precipitation", "mm")
                .put("area", "m²")
                .put("mass", "g")
                .put("pressure", "Pa")
                .put("temperature", "°C")
                .put("volume", "L")
                .put("wind_speed", "m/s"))
        .put("version", HomeAssistantConnection.HA_VERSION)
        .put("whitelist_external_dirs", new JsonArray().add("/config/www").add("/media"));
  }

  static JsonObject panels() {
    return new JsonObject()
        .put("lovelace", panel("lovelace", null, null, "lovelace", false))
        .put("map", panel("map", "mdi:tooltip-account", "map", "map", false))
        .put("config", panel("config", null, null, "config", true));
  }

  private static JsonObject panel(
      String component, String icon, String title, String urlPath, boolean admin) {
    return new JsonObject()
        .put("component_name", component)
        .put("icon", icon)
        .put("title", title)
        .put("config", null)
        .put("url_path", urlPath)
        .put("require_admin", admin)
        .put("config_panel_domain", null);
  }

  static JsonObject currentUser() {
    return new JsonObject()
        .put("id", USER_ID)
        .put("name", "Mock Owner")
        .put("is_owner", true)
        .put("is_admin", true)
        .put(
            "credentials",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("auth_provider_type", "homeassistant")
                        .put("auth_provider_id", null)))
        .put(
            "mfa_modules",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("id", "totp")
                        .put("name", "Authenticator app")
                        .put("enabled", false)));
  }
}
