package io.cloudbus.mock.impl;

import io.cloudbus.mock.MockCloud;
import io.cloudbus.mock.MockCloudContext;
import io.cloudbus.mock.MockCloudOptions;
import io.cloudbus.mock.VendorEmulation;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/** {@link MockCloud}: a deployed {@link MockCloudVerticle} and thread-safe access to it. */
public final class MockCloudImpl implements MockCloud {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

  private final Vertx vertx;
  private final MockCloudVerticle verticle;
  private final String deploymentId;
  private final AtomicBoolean closed = new AtomicBoolean();

  private MockCloudImpl(Vertx vertx, MockCloudVerticle verticle, String deploymentId) {
    this.vertx = vertx;
    this.verticle = verticle;
    this.deploymentId = deploymentId;
  }

  /** See {@link MockCloud#start(Vertx, MockCloudOptions)}. */
  public static Future<MockCloud> start(Vertx vertx, MockCloudOptions options) {
    List<VendorEmulation> emulations;
    try {
      emulations = resolve(options);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    MockCloudVerticle verticle = new MockCloudVerticle(options, emulations);
    return vertx.deployVerticle(verticle).map(id -> new MockCloudImpl(vertx, verticle, id));
  }

  private static List<VendorEmulation> resolve(MockCloudOptions options) {
    List<VendorEmulation> emulations = options.emulations();
    if (emulations == null) {
      emulations = new ArrayList<>();
      for (VendorEmulation emulation : ServiceLoader.load(VendorEmulation.class)) {
        emulations.add(emulation);
      }
    }
    Set<String> names = new HashSet<>();
    for (VendorEmulation emulation : emulations) {
      String name = emulation.name();
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("bad emulation name: " + name);
      }
      if (!names.add(name)) {
        throw new IllegalArgumentException("two emulations named " + name);
      }
    }
    return List.copyOf(emulations);
  }

  @Override
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public String adminUrl() {
    return verticle.adminUrl();
  }

  @Override
  public String restBaseUrl() {
    return verticle.restRoot();
  }

  @Override
  public String wsBaseUrl() {
    return verticle.wsRoot();
  }

  @Override
  public io.cloudbus.mock.MockCloudTls tls() {
    return verticle.tls();
  }

  @Override
  public int port() {
    return verticle.port();
  }

  @Override
  public int restPort() {
    return verticle.restPort();
  }

  @Override
  public Set<String> vendors() {
    return Set.copyOf(verticle.vendors().keySet());
  }

  @Override
  public JsonObject endpoints(String vendor) {
    return vendorContext(vendor).endpoints();
  }

  @Override
  public JsonObject describe() {
    return onContext(verticle::describe);
  }

  @Override
  public MockCloudContext context(String vendor) {
    return vendorContext(vendor);
  }

  @Override
  public <T extends VendorEmulation> T emulation(String vendor, Class<T> type) {
    return type.cast(vendorContext(vendor).emulation());
  }

  @Override
  public JsonObject stats() {
    return verticle.stats();
  }

  @Override
  public Future<Void> reset() {
    Promise<Void> promise = Promise.promise();
    verticle
        .context()
        .runOnContext(
            v -> {
              try {
                verticle.resetAll();
                promise.complete();
              } catch (RuntimeException e) {
                promise.fail(e);
              }
            });
    return promise.future();
  }

  @Override
  public Future<Void> close() {
    if (!closed.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    return vertx.undeploy(deploymentId);
  }

  private VendorContextImpl vendorContext(String vendor) {
    VendorContextImpl context = verticle.vendorContext(vendor);
    if (context == null) {
      throw new IllegalArgumentException("unknown vendor: " + vendor);
    }
    return context;
  }

  /** Endpoints are built by emulations; calling them off-context is harmless as they only read. */
  private static <T> T onContext(Callable<T> action) {
    try {
      return action.call();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
