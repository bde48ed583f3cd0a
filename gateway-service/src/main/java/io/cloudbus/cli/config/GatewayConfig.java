package io.cloudbus.cli.config;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A validated configuration of {@code cloudbus run}: the bridge service, the token store and the
 * accounts. Immutable; built by {@link ConfigLoader} only, so every instance passed validation
 * (environment references resolved, no unknown field, every value in range).
 *
 * @param service the bridge service settings
 * @param tokenStorePath where refresh tokens persist; null keeps them in memory only
 * @param accounts one JSON object per account, exactly as its {@code AdapterProvider} expects
 *     (fields {@code adapter}, {@code account}, adapter fields, optional {@code endpoints} and
 *     {@code socket}); copies are handed out
 */
public record GatewayConfig(Service service, Path tokenStorePath, List<JsonObject> accounts) {

  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_HTTP_PORT = 8080;
  public static final int DEFAULT_TCP_PORT = 7000;

  public GatewayConfig {
    accounts = accounts.stream().map(JsonObject::copy).toList();
  }

  @Override
  public List<JsonObject> accounts() {
    return accounts.stream().map(JsonObject::copy).toList();
  }

  /**
   * The service section.
   *
   * @param host interface to bind, default {@value #DEFAULT_HOST}
   * @param httpPort HTTP port (0 = any free port), default {@value #DEFAULT_HTTP_PORT}
   * @param tcpPort TCP event bus bridge port (0 = any), default {@value #DEFAULT_TCP_PORT}
   * @param tokens API tokens; empty means the endpoints are open
   * @param tls TLS key material, or null for plain HTTP
   * @param limits service limits, as given (validated field by field)
   */
  public record Service(
      String host, int httpPort, int tcpPort, List<ApiToken> tokens, Tls tls, JsonObject limits) {

    public Service {
      tokens = List.copyOf(tokens);
      limits = limits.copy();
    }

    @Override
    public JsonObject limits() {
      return limits.copy();
    }
  }

  /**
   * An API token with its roles ({@code read}, {@code command}). {@link #toString()} redacts it.
   */
  public record ApiToken(String token, Set<String> roles) {

    public ApiToken {
      roles = Set.copyOf(roles);
    }

    @Override
    public String toString() {
      return "ApiToken[token=***, roles=" + roles + "]";
    }
  }

  /** PEM certificate chain and private key files. */
  public record Tls(Path certPath, Path keyPath) {}
}
