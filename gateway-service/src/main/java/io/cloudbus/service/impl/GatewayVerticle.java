package io.cloudbus.service.impl;

import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.Registration;
import io.cloudbus.core.impl.DeliveryBacklog;
import io.cloudbus.core.journal.EventJournal;
import io.cloudbus.service.BindAddress;
import io.cloudbus.service.GatewayService;
import io.cloudbus.service.Role;
import io.cloudbus.service.ServiceOptions;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the servers, the bus consumers and the shared state of one service instance; everything runs
 * on this verticle's event loop.
 */
final class GatewayVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);

  /** Netty drops a WebSocket message above this many times {@code maxFrameBytes} (code 1009). */
  static final int HARD_FRAME_FACTOR = 4;

  private static final Pattern VENDOR_NAME = Pattern.compile(BridgePermits.NAME);

  private final ServiceOptions options;
  private final GatewayMetrics metrics;
  private final AccountRegistry accounts;
  private final JournaledEvents journaled;
  private final TokenAuth auth;
  private final Set<String> vendors = ConcurrentHashMap.newKeySet();
  private final WsEndpoint ws;
  private final Resumes resumes;
  private final SseEndpoint sse;
  private HttpServer http;
  private TcpBridge tcp;
  private SockJsBridge sockJs;
  private MessageConsumer<Object> eventsConsumer;
  private MessageConsumer<Object> statusConsumer;
  private DeliveryBacklog delivery;
  private Registration deliveryTracking;

  /**
   * @param registry Vert.x's own Prometheus registry to add to, or null for a private one
   * @param journal the service's journal (positions, history, resume)
   * @param installedVendors vendor names accepted as {@code /ws/{vendor}} besides the options'
   */
  GatewayVerticle(
      Vertx vertx,
      ServiceOptions options,
      PrometheusMeterRegistry registry,
      EventJournal journal,
      Collection<String> installedVendors) {
    this.options = options;
    this.metrics = new GatewayMetrics(registry);
    this.accounts = new AccountRegistry(this::statusChanged);
    this.journaled = new JournaledEvents(journal, this::onJournaledEvent);
    this.auth = new TokenAuth(options.tokens(), options.openReads());
    this.vendors.addAll(options.vendors());
    installedVendors.stream().filter(v -> VENDOR_NAME.matcher(v).matches()).forEach(vendors::add);
    this.resumes = new Resumes(journal, accounts::accounts);
    this.ws = new WsEndpoint(vertx, options, metrics, vendors::contains, resumes);
    this.sse = new SseEndpoint(vertx, options, metrics, resumes);
  }

  ServiceOptions options() {
    return options;
  }

  AccountRegistry accounts() {
    return accounts;
  }

  EventJournal journal() {
    return journaled.journal();
  }

  WsEndpoint ws() {
    return ws;
  }

  int httpPort() {
    return http == null ? -1 : http.actualPort();
  }

  int tcpPort() {
    return tcp == null ? -1 : tcp.actualPort();
  }

  @Override
  public Future<?> start() {
    io.cloudbus.core.impl.SharedEventCodec.register(vertx.eventBus());
    eventsConsumer = vertx.eventBus().consumer(CloudbusAddresses.EVENTS, this::onEvent);
    // this process's sockets hold reading while too many events wait here (ReadFlow)
    delivery = DeliveryBacklog.of(vertx);
    deliveryTracking = delivery.track();
    statusConsumer = vertx.eventBus().consumer(CloudbusAddresses.STATUS, this::onStatus);
    sockJs = new SockJsBridge(vertx, options, auth, metrics);
    HttpServerLimits httpLimits = new HttpServerLimits(options.limits(), metrics);
    HttpServerOptions httpOptions =
        httpLimits
            .apply(new HttpServerOptions())
            .setHost(options.host())
            .setPort(options.httpPort())
            .setMaxWebSocketFrameSize(options.maxFrameBytes() * HARD_FRAME_FACTOR)
            .setMaxWebSocketMessageSize(options.maxFrameBytes() * HARD_FRAME_FACTOR)
            // SockJS's jsonp transport sends its frames form-encoded (d=...): one attribute up to
            // the hard frame limit, like the other transports' bodies
            .setMaxFormAttributeSize(options.maxFrameBytes() * HARD_FRAME_FACTOR);
    if (options.tlsEnabled()) {
      httpOptions.setSsl(true).setKeyCertOptions(pemOptions());
    }
    if (!auth.enabled() && !BindAddress.isLoopback(options.host())) {
      // only with insecureNoAuth: GatewayServiceImpl refuses to start such a service otherwise
      LOG.warn(
          "insecureNoAuth: no API token configured and bound to {}: anyone who can reach the"
              + " HTTP or TCP port reads every event and account status (SockJS, TCP bridge, /ws,"
              + " /api/*, /metrics, the dashboard); commands stay refused",
          options.host());
    }
    http = httpLimits.install(vertx.createHttpServer(httpOptions)).requestHandler(router());
    if (options.tcpPort() >= 0) {
      tcp = new TcpBridge(vertx, options, auth, metrics);
    }
    return Future.all(eventsConsumer.completion(), statusConsumer.completion())
        .compose(v -> http.listen())
        .compose(
            v ->
                tcp == null
                    ? Future.succeededFuture()
                    : tcp.listen(options.tlsEnabled() ? pemOptions() : null))
        .onSuccess(
            v ->
                LOG.info(
                    "bridge service listening: http {} tcp {}{}",
                    httpPort(),
                    tcpPort(),
                    options.tlsEnabled() ? " (TLS)" : ""))
        .onFailure(e -> LOG.error("bridge service failed to start: {}", e.toString()));
  }

  @Override
  public Future<?> stop() {
    if (deliveryTracking != null) {
      deliveryTracking.remove();
    }
    ws.closeAll();
    sse.closeAll();
    Future<?> tcpClosed = tcp == null ? Future.succeededFuture() : tcp.close();
    Future<?> httpClosed = http == null ? Future.succeededFuture() : http.close();
    return Future.join(tcpClosed, httpClosed)
        .eventually(
            () -> {
              metrics.close();
              return Future.succeededFuture();
            });
  }

  private PemKeyCertOptions pemOptions() {
    return new PemKeyCertOptions()
        .setCertPath(options.tlsCertPath())
        .setKeyPath(options.tlsKeyPath());
  }

  private Router router() {
    Router router = Router.router(vertx);
    router.get("/health").handler(this::health);
    router
        .get("/assets/*")
        .handler(StaticHandler.create("webroot/assets").setCachingEnabled(false));
    router.get("/favicon.ico").handler(DashboardPage::favicon);
    // everything below is browser-facing: Origin and Host first, before auth and any upgrade
    router.route().handler(new OriginGuard(options, this::httpPort)::handle);
    router.get("/").handler(DashboardPage.signIn(auth));
    router.route().handler(auth::handle);
    router.get("/").handler(this::dashboard);
    router.get("/metrics").handler(this::metricsPage);
    router.get("/api/accounts").handler(this::apiAccounts);
    router.get("/api/events").handler(new EventsApi(resumes, options.recentEventsSize())::handle);
    router.get("/sse/events").handler(sse::handle);
    ControlRoutes control = new ControlRoutes(vertx, options, metrics, accounts::accounts);
    router.get("/api/devices").handler(control::devices);
    router.get("/api/devices/:id").handler(control::device);
    router
        .post("/api/accounts/:vendor/:account/commands")
        .handler(
            io.vertx.ext.web.handler.BodyHandler.create(false)
                .setBodyLimit(options.maxFrameBytes()))
        .handler(auth.require(io.cloudbus.service.Role.COMMAND))
        .handler(control::command);
    router.route("/ws/:resource").handler(ws::handle);
    router.route("/eventbus/*").handler(sockJs::guardRequest);
    router.post("/eventbus/*").handler(sockJs.bodyHandler());
    router.route("/eventbus/*").subRouter(sockJs.router());
    router.route().last().handler(rc -> HttpErrors.end(rc, 404, "not_found", "no such endpoint"));
    router.errorHandler(
        500,
        rc -> {
          LOG.warn(
              "request failed: {} {}", rc.request().method(), rc.normalizedPath(), rc.failure());
          HttpErrors.end(rc, 500, "internal_error", "the request failed");
        });
    return router;
  }

  private void health(RoutingContext rc) {
    JsonObject health = accounts.health();
    rc.response()
        .setStatusCode("DOWN".equals(health.getString("status")) ? 503 : 200)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(health.encode());
  }

  private void dashboard(RoutingContext rc) {
    rc.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .sendFile("webroot/index.html");
  }

  private void metricsPage(RoutingContext rc) {
    rc.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(metrics.scrape(accounts.attachedSockets()));
  }

  private void apiAccounts(RoutingContext rc) {
    rc.response()
        .putHeader("Content-Type", "application/json")
        .end(new JsonArray(List.copyOf(accounts.accounts())).encode());
  }

  private void onEvent(Message<Object> msg) {
    try {
      accept(msg);
    } finally {
      delivery.handled(msg.headers());
    }
  }

  private void accept(Message<Object> msg) {
    if (!(msg.body() instanceof JsonObject event)) {
      metrics.badStatus();
      return;
    }
    String vendor = event.getValue("vendor") instanceof String s ? s : "unknown";
    String account = event.getValue("account") instanceof String s ? s : "unknown";
    if (!vendors.contains(vendor) && VENDOR_NAME.matcher(vendor).matches()) {
      vendors.add(vendor); // the regex only for a vendor not seen yet, not for every event
    }
    metrics.eventIn(vendor, account);
    journaled.accept(event, msg.headers());
  }

  /** Every event once, in arrival order, with its position in the journal (-1: none). */
  private void onJournaledEvent(JsonObject event, long position) {
    resumes.seen(event);
    ws.onEvent(event, position);
    sse.onEvent(event, position);
  }

  private void onStatus(Message<Object> msg) {
    if (!(msg.body() instanceof JsonObject body)) {
      metrics.badStatus();
      return;
    }
    String node = msg.headers().get(GatewayService.NODE_HEADER);
    if (node != null && !body.containsKey("node")) {
      body = body.copy().put("node", node);
    }
    JsonObject entry;
    try {
      entry = accounts.accept(body);
    } catch (IllegalArgumentException e) {
      metrics.badStatus();
      LOG.debug("ignored an invalid status: {}", e.getMessage());
      return;
    }
    String vendor = entry.getString("vendor");
    if (VENDOR_NAME.matcher(vendor).matches()) {
      vendors.add(vendor);
    }
    ws.onStatus(entry);
  }

  private void statusChanged(JsonObject previous, JsonObject current) {
    metrics.statusChanged(previous, current);
  }

  /** Whether {@code roles} may send commands (used by the bridges). */
  static boolean mayCommand(Set<Role> roles) {
    return roles != null && roles.contains(Role.COMMAND);
  }
}
