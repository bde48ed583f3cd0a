package io.cloudbus.core.http;

import io.cloudbus.core.CloudSocketOptions;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * The one way adapters make their REST/OAuth {@link WebClient}s, so that an account's {@link
 * CloudSocketOptions#tls() socket.tls} trust (a CA file or a certificate pin) applies to its REST
 * endpoints as it does to its push socket.
 */
public final class CloudWebClients {

  private CloudWebClients() {}

  /** A new client for the account with {@code options}; the caller closes it. */
  public static WebClient create(Vertx vertx, CloudSocketOptions options) {
    WebClientOptions web = new WebClientOptions();
    return WebClient.create(
        vertx, options == null || options.tls() == null ? web : options.tls().apply(web));
  }
}
