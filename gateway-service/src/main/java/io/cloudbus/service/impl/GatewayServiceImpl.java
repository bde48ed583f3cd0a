package io.cloudbus.service.impl;

import io.cloudbus.core.AdapterProvider;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.Registration;
import io.cloudbus.core.journal.EventJournal;
import io.cloudbus.core.journal.JournalOptions;
import io.cloudbus.journal.SqliteEventJournal;
import io.cloudbus.service.BindAddress;
import io.cloudbus.service.GatewayService;
import io.cloudbus.service.ServiceOptions;
import io.cloudbus.service.ServiceVertx;
import io.cloudbus.service.WsHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys a {@link GatewayVerticle} (so every server and consumer shares one event loop) and is the
 * handle on it.
 */
public final class GatewayServiceImpl implements GatewayService {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayServiceImpl.class);

  private final Vertx vertx;
  private final GatewayVerticle verticle;
  private final String deploymentId;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final boolean ownsJournal;

  private GatewayServiceImpl(
      Vertx vertx, GatewayVerticle verticle, String deploymentId, boolean ownsJournal) {
    this.vertx = vertx;
    this.verticle = verticle;
    this.deploymentId = deploymentId;
    this.ownsJournal = ownsJournal;
  }

  /** See {@link GatewayService#start(Vertx, ServiceOptions)}. */
  public static Future<GatewayService> start(Vertx vertx, ServiceOptions options) {
    Objects.requireNonNull(options, "options");
    JournalOptions j = options.journal();
    if (!j.enabled() || j.path() == null) {
      EventJournal journal = EventJournal.inMemory(EventJournal.DEFAULT_MEMORY_EVENTS);
      return start(vertx, options, journal, true);
    }
    return SqliteEventJournal.openAsync(vertx, Path.of(j.path()), j)
        .compose(journal -> start(vertx, options, journal, true));
  }

  /** See {@link GatewayService#start(Vertx, ServiceOptions, EventJournal)}. */
  public static Future<GatewayService> start(
      Vertx vertx, ServiceOptions options, EventJournal journal, boolean ownsJournal) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(journal, "journal");
    if (options.tokens().isEmpty()
        && !options.insecureNoAuth()
        && !BindAddress.isLoopback(options.host())) {
      return Future.failedFuture(new IllegalStateException(refusalWithoutTokens(options.host())));
    }
    // The installed adapters' vendor names are accepted as /ws/{vendor} from the start; their
    // descriptions may read a profile resource, so not on an event loop.
    return vertx
        .executeBlocking(GatewayServiceImpl::installedVendors)
        .compose(
            installed -> {
              GatewayVerticle verticle =
                  new GatewayVerticle(
                      vertx, options, ServiceVertx.registryOf(vertx), journal, installed);
              return vertx
                  .deployVerticle(verticle)
                  .map(
                      id ->
                          (GatewayService)
                              new GatewayServiceImpl(vertx, verticle, id, ownsJournal));
            })
        .recover(
            err ->
                ownsJournal
                    ? journal.close().transform(v -> Future.failedFuture(err))
                    : Future.failedFuture(err));
  }

  /** The vendor names declared by the adapters on the class path ({@code AdapterProvider}). */
  static List<String> installedVendors() {
    List<String> vendors = new ArrayList<>();
    for (AdapterProvider provider : AdapterProvider.installed().values()) {
      try {
        vendors.addAll(provider.description().vendors());
      } catch (RuntimeException e) {
        LOG.warn("adapter {} cannot describe itself: {}", provider.name(), e.toString());
      }
    }
    return vendors;
  }

  /**
   * Why a service on {@code host} (not loopback) with no token and no insecureNoAuth is refused.
   */
  static String refusalWithoutTokens(String host) {
    return "refusing to listen on "
        + host
        + " without an API token: anyone who can reach it would read every event; configure"
        + " tokens (ServiceOptions.tokens, service.tokens in a config file), bind a loopback"
        + " address, or set insecureNoAuth";
  }

  @Override
  public int httpPort() {
    return verticle.httpPort();
  }

  @Override
  public int tcpPort() {
    return verticle.tcpPort();
  }

  @Override
  public Map<String, String> urls() {
    ServiceOptions o = verticle.options();
    String host = o.host();
    if ("0.0.0.0".equals(host) || "::".equals(host) || "[::]".equals(host)) {
      host = "localhost";
    } else if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    String http = (o.tlsEnabled() ? "https://" : "http://") + host + ":" + httpPort();
    String ws = (o.tlsEnabled() ? "wss://" : "ws://") + host + ":" + httpPort();
    Map<String, String> urls = new LinkedHashMap<>();
    urls.put("dashboard", http + "/");
    urls.put("eventbus", http + "/eventbus");
    urls.put("ws", ws + "/ws/events");
    if (tcpPort() >= 0) {
      urls.put("tcp", (o.tlsEnabled() ? "tls://" : "tcp://") + host + ":" + tcpPort());
    }
    urls.put("health", http + "/health");
    urls.put("metrics", http + "/metrics");
    urls.put("accounts", http + "/api/accounts");
    urls.put("events", http + "/api/events");
    return urls;
  }

  @Override
  public ServiceOptions options() {
    return verticle.options();
  }

  @Override
  public Registration attach(CloudSocket socket) {
    Objects.requireNonNull(socket, "socket");
    verticle.accounts().attach(socket);
    AtomicBoolean removed = new AtomicBoolean();
    return () -> {
      if (removed.compareAndSet(false, true)) {
        verticle.accounts().detach(socket);
      }
    };
  }

  @Override
  public List<JsonObject> accounts() {
    return verticle.accounts().accounts();
  }

  @Override
  public JsonObject health() {
    return verticle.accounts().health();
  }

  @Override
  public Registration addWsHandler(String resource, Supplier<WsHandler> factory) {
    Objects.requireNonNull(factory, "factory");
    return verticle.ws().addHandler(resource, factory);
  }

  @Override
  public EventJournal journal() {
    return verticle.journal();
  }

  @Override
  public Future<Void> close() {
    if (!closed.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    Future<Void> undeployed = vertx.undeploy(deploymentId);
    return ownsJournal ? undeployed.eventually(() -> verticle.journal().close()) : undeployed;
  }
}
