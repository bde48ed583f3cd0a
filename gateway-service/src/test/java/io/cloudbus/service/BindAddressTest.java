package io.cloudbus.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BindAddressTest {

  @Test
  void loopbackAddressesAreRecognisedFromTheirTextAlone() {
    for (String host : new String[] {"127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"}) {
      assertThat(BindAddress.isLoopback(host)).as(host).isTrue();
    }
    for (String host :
        new String[] {"0.0.0.0", "::", "192.168.1.5", "127.example.com", "myhost", "", "::2"}) {
      assertThat(BindAddress.isLoopback(host)).as(host).isFalse();
    }
  }

  @Test
  void wildcardsAreEveryInterface() {
    assertThat(BindAddress.isWildcard("0.0.0.0")).isTrue();
    assertThat(BindAddress.isWildcard("::")).isTrue();
    assertThat(BindAddress.isWildcard("[::]")).isTrue();
    assertThat(BindAddress.isWildcard("127.0.0.1")).isFalse();
  }
}
