package io.cloudbus.mock.impl;

import io.cloudbus.mock.AdminHandler;
import io.cloudbus.mock.Faults;
import io.cloudbus.mock.MockCloudContext;
import io.cloudbus.mock.MockRequest;
import io.cloudbus.mock.MockResponse;
import io.cloudbus.mock.MockSocket;
import io.cloudbus.mock.RestHandler;
import io.cloudbus.mock.SocketRegistry;
import io.cloudbus.mock.TokenAuthority;
import io.cloudbus.mock.UpgradeCheck;
import io.cloudbus.mock.VendorEmulation;
import io.cloudbus.mock.VendorStats;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

/**
 * One vendor's share of the machinery: its stats, tokens, sockets and faults, and the registration
 * calls that forward to the shared servers with the vendor's prefix.
 */
final class VendorContextImpl implements MockCloudContext {
  private final VendorEmulation emulation;
  private final MockCloudVerticle cloud;
  private final VendorStatsImpl stats = new VendorStatsImpl();
  private final TokenAuthorityImpl tokens =
      new TokenAuthorityImpl(stats, System::currentTimeMillis);
  private final SocketRegistryImpl sockets = new SocketRegistryImpl();
  private volatile Faults faults = Faults.NONE;
  private boolean installing;
  private long connectWindowStartMs;
  private int connectsInWindow;

  VendorContextImpl(VendorEmulation emulation, MockCloudVerticle cloud) {
    this.emulation = emulation;
    this.cloud = cloud;
  }

  VendorEmulation emulation() {
    return emulation;
  }

  void install() {
    installing = true;
    try {
      emulation.install(this);
    } finally {
      installing = false;
    }
  }

  @Override
  public Vertx vertx() {
    return cloud.vertx();
  }

  @Override
  public String vendor() {
    return emulation.name();
  }

  @Override
  public String restBaseUrl() {
    return cloud.restRoot() + "/" + vendor();
  }

  @Override
  public String wsBaseUrl() {
    return cloud.wsRoot() + "/" + vendor();
  }

  @Override
  public String adminUrl() {
    return cloud.adminUrl();
  }

  @Override
  public void rest(String method, String path, RestHandler handler) {
    checkInstalling();
    cloud.dispatcher().register(this, method, path, false, handler);
  }

  @Override
  public void restMatching(String method, String pathRegex, RestHandler handler) {
    checkInstalling();
    cloud.dispatcher().register(this, method, pathRegex, true, handler);
  }

  @Override
  public void webSocket(String path, UpgradeCheck check, Handler<MockSocket> handler) {
    checkInstalling();
    cloud.upgrades().register(this, path, check, handler);
  }

  @Override
  public void adminRoute(HttpMethod method, String subpath, AdminHandler handler) {
    checkInstalling();
    cloud.admin().vendorRoute(this, method, subpath, handler);
  }

  @Override
  public TokenAuthority tokens() {
    return tokens;
  }

  @Override
  public SocketRegistry sockets() {
    return sockets;
  }

  SocketRegistryImpl socketRegistry() {
    return sockets;
  }

  @Override
  public VendorStats stats() {
    return stats;
  }

  @Override
  public Faults faults() {
    return faults;
  }

  /** Merges {@code json} into the faults (see {@link Faults#merge}) and applies silence. */
  Faults updateFaults(JsonObject json) {
    faults = faults.merge(json, emulation.extraFaultNames());
    sockets.open().forEach(s -> s.applySilence(faults));
    return faults;
  }

  void clearFaults() {
    faults = Faults.NONE;
    sockets.open().forEach(s -> s.applySilence(faults));
  }

  /** Runs a REST handler under the vendor's rate-limit fault; called on the context. */
  MockResponse handleRest(RestHandler handler, MockRequest request) {
    stats.increment(VendorStats.REST_CALLS);
    if (faults.rateLimited()) {
      MockResponse limited = emulation.rateLimitedResponse(request);
      if (limited != null) {
        return limited;
      }
    }
    return handler.handle(request);
  }

  /** Whether one more upgrade fits under {@code maxConnectsPerSec}; counts it if so. */
  boolean admitConnect(long nowMs) {
    int max = faults.maxConnectsPerSec();
    if (nowMs - connectWindowStartMs >= 1000) {
      connectWindowStartMs = nowMs;
      connectsInWindow = 0;
    }
    connectsInWindow++;
    return max == 0 || connectsInWindow <= max;
  }

  /**
   * Drops every socket (close 1001), clears faults, tokens and stats, then resets the emulation.
   */
  void reset() {
    for (MockSocketImpl socket : sockets.open()) {
      socket.close(1001, "mock reset");
      sockets.remove(socket);
    }
    faults = Faults.NONE;
    tokens.reset();
    stats.reset();
    connectsInWindow = 0;
    emulation.reset();
  }

  JsonObject endpoints() {
    JsonObject endpoints = emulation.endpoints();
    return endpoints == null ? new JsonObject() : endpoints.copy();
  }

  private void checkInstalling() {
    if (!installing) {
      throw new IllegalStateException("routes can be registered only during install");
    }
  }
}
