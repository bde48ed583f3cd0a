package io.cloudbus.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudbus.generic.VendorProfile.KeepaliveMode;
import io.cloudbus.generic.VendorProfile.TokenSource;
import org.junit.jupiter.api.Test;

class VendorProfileTest {

  @Test
  void shippedHomeAssistantProfileLoads() {
    VendorProfile p = VendorProfile.load("home-assistant");
    assertThat(p.vendor()).isEqualTo("home-assistant");
    assertThat(p.auth().token()).isEqualTo(TokenSource.STATIC);
    assertThat(p.auth().handshake()).isNotNull();
    assertThat(p.subscribe()).hasSize(3);
    assertThat(p.keepalive().mode()).isEqualTo(KeepaliveMode.MESSAGE);
    assertThat(p.correlation().idField()).isEqualTo("id");
    assertThat(p.commands()).containsOnlyKeys("fire_event", "call_service");
    assertThat(p.params().get("token").secret()).isTrue();
  }

  @Test
  void shippedPylightProfileLoads() {
    VendorProfile p = VendorProfile.load("pylight");
    assertThat(p.vendor()).isEqualTo("pylight");
    assertThat(p.auth().token()).isEqualTo(TokenSource.NONE);
    assertThat(p.mapping()).hasSize(6);
    assertThat(p.ignore()).hasSize(1);
    assertThat(p.keepalive().mode()).isEqualTo(KeepaliveMode.FRAMES);
  }

  @Test
  void shippedProfilesAreParsedOnceAndSharedProfileFilesAreReadEachTime(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    // GIVEN a profile file with the text of the shipped pylight profile
    java.nio.file.Path file = dir.resolve("mine.yaml");
    try (java.io.InputStream in =
        VendorProfile.class.getClassLoader().getResourceAsStream("profiles/pylight.yaml")) {
      java.nio.file.Files.write(file, in.readAllBytes());
    }

    // THEN a shipped name gives the same (immutable) instance, a path a fresh parse
    assertThat(VendorProfile.load("pylight")).isSameAs(VendorProfile.load("pylight"));
    assertThat(VendorProfile.load(file.toString()))
        .isNotSameAs(VendorProfile.load(file.toString()));
    assertThat(VendorProfile.load(file.toString()).mapping()).hasSize(6);
  }

  @Test
  void customProfileFromTestResourceLoads() {
    VendorProfile p = VendorProfile.fromResource("profiles/acme.yaml");
    assertThat(p.vendor()).isEqualTo("acme");
  }

  @Test
  void badPointerNamesSourceAndFieldPath() {
    String yaml =
        """
        vendor: foo
        connection: {url: "ws://x"}
        mapping:
          - {match: {/a: 1}, name: a.b}
          - {match: {/a: 2}, name: a.c}
          - {match: {"event/type": x}, name: a.d}
        """;
    assertThatThrownBy(() -> VendorProfile.parse("profiles/foo.yaml", yaml))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "profiles/foo.yaml: mapping[2].match: event/type: unknown JSON pointer syntax");
  }

  @Test
  void everyProblemIsReportedWithItsPath() {
    String yaml =
        """
        vendor: "bad vendor"
        connection: {url: "${config.missing}/x"}
        keepalive: {mode: sometimes}
        mapping:
          - {match: {/a: 1}, name: "Not.Valid", colour: red}
        """;
    assertThatThrownBy(() -> VendorProfile.parse("p.yaml", yaml))
        .hasMessageContaining("p.yaml: vendor: must use only letters")
        .hasMessageContaining("connection.url: ${config.missing} names no declared parameter")
        .hasMessageContaining(
            "keepalive.mode: must be one of [none, frames, message], was 'sometimes'")
        .hasMessageContaining("mapping[0].name: an event name")
        .hasMessageContaining("mapping[0].colour: unknown field");
  }

  @Test
  void missingRequiredSectionsAndTokenWithoutAuth() {
    String yaml =
        """
        vendor: foo
        connection: {url: "ws://x?t=${token}"}
        """;
    assertThatThrownBy(() -> VendorProfile.parse("p.yaml", yaml))
        .hasMessageContaining("connection.url: ${token} is used but auth.token is none")
        .hasMessageContaining("mapping: required");
  }

  @Test
  void unclosedPlaceholderAndBadEscape() {
    String yaml =
        """
        vendor: foo
        connection: {url: "ws://x/${config.a"}
        mapping:
          - {match: {"/a~2": 1}, name: a}
        """;
    assertThatThrownBy(() -> VendorProfile.parse("p.yaml", yaml))
        .hasMessageContaining("connection.url: unclosed placeholder")
        .hasMessageContaining("mapping[0].match: /a~2: unknown JSON pointer syntax");
  }

  @Test
  void notYamlAtAll() {
    assertThatThrownBy(() -> VendorProfile.parse("p.yaml", "vendor: [unclosed"))
        .hasMessageStartingWith("p.yaml: not valid YAML or JSON");
    assertThatThrownBy(() -> VendorProfile.load("/no/such/profile.yaml"))
        .hasMessageStartingWith("/no/such/profile.yaml: cannot read profile");
  }
}
