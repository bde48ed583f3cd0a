package io.cloudbus.service.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.service.ServiceOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class OriginGuardTest {

  private static final int PORT = 8080;

  private static OriginGuard guard(String host, List<String> allowed) {
    return new OriginGuard(
        ServiceOptions.builder().host(host).insecureNoAuth(true).allowedOrigins(allowed).build(),
        () -> PORT);
  }

  @Test
  void originsAreNormalisedToSchemeHostAndExplicitPort() {
    assertThat(OriginGuard.normalize("HTTPS://Dash.Example.com"))
        .isEqualTo("https://dash.example.com:443");
    assertThat(OriginGuard.normalize("http://[::1]:8080")).isEqualTo("http://[::1]:8080");
    assertThat(OriginGuard.normalize("null")).isNull();
    assertThat(OriginGuard.normalize("file://")).isNull();
    assertThat(OriginGuard.normalize("http://a.example/path")).isNull();
    assertThat(OriginGuard.normalize("http://user@a.example")).isNull();
  }

  @Test
  void ownOriginsAreTheLoopbackNamesAndTheBindHostOnTheActualPort() {
    OriginGuard g = guard("192.168.1.5", List.of());
    assertThat(g.originAllowed("http://localhost:8080", null)).isTrue();
    assertThat(g.originAllowed("http://127.0.0.1:8080", null)).isTrue();
    assertThat(g.originAllowed("http://[::1]:8080", null)).isTrue();
    assertThat(g.originAllowed("http://192.168.1.5:8080", null)).isTrue();
    assertThat(g.originAllowed("http://localhost:3000", null)).isFalse();
    assertThat(g.originAllowed("https://localhost:8080", null)).isFalse();
    assertThat(g.originAllowed("http://evil.example:8080", "evil.example:8080")).isFalse();
  }

  @Test
  void aWildcardBindAcceptsThePagesOfTheIpItWasReachedAt() {
    OriginGuard g = guard("0.0.0.0", List.of());
    assertThat(g.originAllowed("http://10.0.0.7:8080", "10.0.0.7:8080")).isTrue();
    assertThat(g.originAllowed("http://10.0.0.7:8080", "10.0.0.8:8080")).isFalse();
    assertThat(g.originAllowed("http://gw.lan:8080", "gw.lan:8080")).isFalse();
  }

  @Test
  void hostsAreOwnNamesIpLiteralsOrAllowedOriginHosts() {
    OriginGuard g = guard("127.0.0.1", List.of("https://home.example.com"));
    assertThat(g.hostAllowed(OriginGuard.hostOf("localhost:8080"))).isTrue();
    assertThat(g.hostAllowed(OriginGuard.hostOf("127.0.0.1:8080"))).isTrue();
    assertThat(g.hostAllowed(OriginGuard.hostOf("[::1]:8080"))).isTrue();
    assertThat(g.hostAllowed(OriginGuard.hostOf("192.168.1.5"))).isTrue();
    assertThat(g.hostAllowed(OriginGuard.hostOf("HOME.example.com."))).isTrue();
    assertThat(g.hostAllowed(OriginGuard.hostOf("evil.example:8080"))).isFalse();
    assertThat(g.hostAllowed(OriginGuard.hostOf("localhost.evil.example"))).isFalse();
  }
}
