package io.cloudbus.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

  @TempDir Path dir;

  private final Map<String, String> env = Map.of("MQTT_PASSWORD", "s3cret", "HTTP_PORT", "18080");
  private final ConfigLoader loader =
      new ConfigLoader(env::get, io.cloudbus.core.AdapterProvider.installed(), a -> {});

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void theMqttSectionIsReadWithItsEnvironmentReferences() throws Exception {
    Path file =
        write(
            """
            service:
              httpPort: ${HTTP_PORT}
            mqtt:
              url: mqtt://127.0.0.1:18583
              username: cloudbus
              password: ${MQTT_PASSWORD}
              homeAssistantDiscovery: true
            """);
    ConfigFile.Loaded loaded = ConfigFile.load(file, env::get, loader);
    assertThat(loaded.gateway().service().httpPort()).isEqualTo(18080);
    assertThat(loaded.mqtt().password()).isEqualTo("s3cret");
    assertThat(loaded.mqtt().homeAssistantDiscovery()).isTrue();
  }

  @Test
  void theWebhooksListIsReadAndCheckedEntryByEntry() throws Exception {
    Path file =
        write(
            """
            webhooks:
              - url: https://receiver.example/hook
                secret: ${MQTT_PASSWORD}-long-enough
                filter: {vendor: bticino, type: doorbell.}
              - url: https://receiver.example/other
                secret: short
            """);
    assertThatThrownBy(() -> ConfigFile.load(file, env::get, loader))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.errors())
                    .containsExactly("webhooks[1].secret: required, at least 16 characters"));
    Files.writeString(
        file, Files.readString(file).replace("secret: short", "secret: short-but-now-long-enough"));
    assertThat(ConfigFile.load(file, env::get, loader).webhooks()).hasSize(2);
  }

  @Test
  void twoWebhooksWithOneNameAreAnError() throws Exception {
    Path file =
        write(
            """
            webhooks:
              - name: doorbell
                url: https://receiver.example/hook
                secret: 0123456789abcdef
              - name: doorbell
                url: https://receiver.example/other
                secret: 0123456789abcdef
            """);
    assertThatThrownBy(() -> ConfigFile.load(file, env::get, loader))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.errors())
                    .containsExactly(
                        "webhooks[1].name: doorbell is already used by another webhook"));
  }

  @Test
  void withoutOutputsItIsExactlyTheLoader() throws Exception {
    Path file = write("service:\n  httpPort: 1\n");
    assertThat(ConfigFile.load(file, env::get, loader).gateway()).isEqualTo(loader.load(file));
    assertThat(ConfigFile.load(file, env::get, loader).mqtt()).isNull();
    Path broken = write("service: [\n");
    assertThatThrownBy(() -> ConfigFile.load(broken, env::get, loader))
        .hasMessageStartingWith("config: invalid YAML at line");
  }

  @Test
  void errorsOfEverySectionAreReportedTogether() throws Exception {
    Path file =
        write(
            """
            service:
              colour: blue
            mqtt:
              url: http://broker
              password: ${MQTT_UNSET}
            """);
    assertThatThrownBy(() -> ConfigFile.load(file, env::get, loader))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.errors())
                    .contains(
                        "service.colour: unknown field",
                        "mqtt.password: environment variable MQTT_UNSET is not set")
                    .anyMatch(m -> m.startsWith("mqtt.url: expected mqtt://")));
  }
}
