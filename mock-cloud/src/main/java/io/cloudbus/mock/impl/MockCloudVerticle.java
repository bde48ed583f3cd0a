package io.cloudbus.mock.impl;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.cloudbus.mock.MockCloudOptions;
import io.cloudbus.mock.MockCloudTls;
import io.cloudbus.mock.VendorEmulation;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the servers. Deployed as a verticle so that the Vert.x server, every REST handler (via
 * {@link RestDispatcher}) and every admin call share one event-loop context: emulations are then
 * single-threaded. WireMock (Jetty) starts and stops on a worker thread.
 */
final class MockCloudVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(MockCloudVerticle.class);

  private final MockCloudOptions options;
  private final List<VendorEmulation> emulations;
  private final Map<String, VendorContextImpl> vendors = new LinkedHashMap<>();
  private final RestDispatcher dispatcher = new RestDispatcher();
  private final Set<String> aliasRoots = new HashSet<>();
  private WireMockServer wireMock;
  private MockCloudTls tls;
  private HttpServer server;
  private UpgradeRoutes upgrades;
  private AdminApi admin;

  MockCloudVerticle(MockCloudOptions options, List<VendorEmulation> emulations) {
    this.options = options;
    this.emulations = emulations;
  }

  @Override
  public Future<?> start() {
    dispatcher.bind(context);
    upgrades = new UpgradeRoutes(vertx);
    Router router = Router.router(vertx);
    admin = new AdminApi(this, router);
    return vertx
        .executeBlocking(this::startWireMock)
        .compose(
            wm -> {
              wireMock = wm;
              server =
                  tls == null
                      ? vertx.createHttpServer()
                      : vertx.createHttpServer(
                          new HttpServerOptions()
                              .setSsl(true)
                              .setKeyCertOptions(tls.keyCertOptions()));
              return server
                  .requestHandler(router)
                  .webSocketHandshakeHandler(upgrades::handle)
                  // sockets are set up when the handshake is accepted (UpgradeRoutes.accept)
                  .webSocketHandler(ws -> {})
                  .listen(options.port(), options.host());
            })
        .compose(
            s -> {
              for (VendorEmulation emulation : emulations) {
                VendorContextImpl vendor = new VendorContextImpl(emulation, this);
                vendors.put(emulation.name(), vendor);
                emulation.adminAliases().forEach(a -> aliasRoots.add(a.split("/")[0]));
                vendor.install();
              }
              return vertx.executeBlocking(
                  () -> {
                    dispatcher.flush(wireMock);
                    return null;
                  });
            })
        .compose(
            v -> {
              LOG.info(
                  "mock cloud up: admin {}, REST {}, vendors {}",
                  adminUrl(),
                  restRoot(),
                  vendors.keySet());
              return Future.succeededFuture();
            })
        .recover(e -> stopServers().transform(ignored -> Future.failedFuture(e)));
  }

  @Override
  public Future<?> stop() {
    long start = System.nanoTime();
    return stopServers()
        .onComplete(
            ar ->
                LOG.info(
                    "mock cloud closed in {} ms",
                    java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
  }

  private Future<Void> stopServers() {
    vendors.values().forEach(v -> v.socketRegistry().open().forEach(s -> s.abort()));
    Future<Void> httpClosed = server == null ? Future.succeededFuture() : server.close();
    WireMockServer wm = wireMock;
    return httpClosed
        .recover(e -> Future.succeededFuture())
        .compose(
            v ->
                wm == null
                    ? Future.succeededFuture()
                    : vertx.executeBlocking(
                        () -> {
                          wm.stop();
                          return null;
                        }));
  }

  private WireMockServer startWireMock() {
    WireMockConfiguration config =
        wireMockConfig()
            .bindAddress(options.host())
            .extensions(dispatcher)
            .disableRequestJournal()
            .notifier(new RedactingNotifier());
    if (options.tls()) {
      tls =
          MockCloudTls.generate(
              options.host(), options.tlsDir() == null ? null : Path.of(options.tlsDir()));
      config
          .httpDisabled(true)
          .httpsPort(options.restPort())
          .keystorePath(tls.keyStore().toString())
          .keystoreType("PKCS12")
          .keystorePassword(tls.keyStorePassword())
          .keyManagerPassword(tls.keyStorePassword());
    } else {
      config.port(options.restPort());
    }
    WireMockServer wm = new WireMockServer(config);
    wm.start();
    return wm;
  }

  /** The TLS identity, or null without TLS. */
  MockCloudTls tls() {
    return tls;
  }

  JsonObject describe() {
    JsonObject endpoints = new JsonObject();
    vendors.forEach((name, vendor) -> endpoints.put(name, vendor.endpoints()));
    JsonObject line = new JsonObject().put("admin", adminUrl()).put("vendors", endpoints);
    return tls == null ? line : line.put("tls", tls.toJson());
  }

  JsonObject stats() {
    JsonObject stats = new JsonObject();
    vendors.forEach((name, vendor) -> stats.put(name, vendor.stats().toJson()));
    return stats;
  }

  JsonObject resetAll() {
    vendors.values().forEach(VendorContextImpl::reset);
    return new JsonObject().put("reset", true);
  }

  VendorContextImpl vendorContext(String name) {
    return name == null ? null : vendors.get(name);
  }

  Map<String, VendorContextImpl> vendors() {
    return vendors;
  }

  Set<String> aliasRoots() {
    return aliasRoots;
  }

  RestDispatcher dispatcher() {
    return dispatcher;
  }

  WireMockServer wireMock() {
    return wireMock;
  }

  UpgradeRoutes upgrades() {
    return upgrades;
  }

  AdminApi admin() {
    return admin;
  }

  int port() {
    return server.actualPort();
  }

  int restPort() {
    return tls == null ? wireMock.port() : wireMock.httpsPort();
  }

  String restRoot() {
    return (tls == null ? "http://" : "https://") + options.host() + ":" + restPort();
  }

  String wsRoot() {
    return (tls == null ? "ws://" : "wss://") + options.host() + ":" + port();
  }

  String adminUrl() {
    return (tls == null ? "http://" : "https://") + options.host() + ":" + port() + "/admin";
  }

  io.vertx.core.Vertx vertx() {
    return vertx;
  }

  io.vertx.core.Context context() {
    return context;
  }
}
