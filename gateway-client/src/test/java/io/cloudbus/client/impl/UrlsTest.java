package io.cloudbus.client.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UrlsTest {

  @Test
  void schemesMapLikeTheBrowserAndPathAndQueryAreKept() {
    assertThat(Urls.toWebSocketUri("http://h:8080/ws/events?token=a%26b&x=1").toString())
        .isEqualTo("ws://h:8080/ws/events?token=a%26b&x=1");
    assertThat(Urls.toWebSocketUri("https://h/ws/status").toString())
        .isEqualTo("wss://h/ws/status");
    assertThat(Urls.toWebSocketUri("WSS://h:8443/p").getScheme()).isEqualTo("wss");
    assertThat(Urls.toWebSocketUri(" ws://h/p ").toString()).isEqualTo("ws://h/p");
  }

  @Test
  void badUrlsAreRefusedWithoutLeakingTheQuery() {
    assertThatThrownBy(() -> Urls.toWebSocketUri("ftp://h/p?token=secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> Urls.toWebSocketUri("ws:///p"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Urls.toWebSocketUri("ws://h/p#f"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Urls.toWebSocketUri("ws://h/ p?token=secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> Urls.toWebSocketUri(null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void redactionDropsQueryAndUserInfo() {
    assertThat(Urls.redact("ws://h:1/ws/events?token=secret")).isEqualTo("ws://h:1/ws/events?…");
    assertThat(Urls.redact("ws://user:pw@h/p")).isEqualTo("ws://h/p");
    assertThat(Urls.redact("ws://h/p#frag")).isEqualTo("ws://h/p");
    assertThat(Urls.redact((String) null)).isEqualTo("null");
  }
}
