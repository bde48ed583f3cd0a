package io.cloudbus.mock;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: one {@link MockCloud} per test class (ports 0), reset before each test, closed
 * after the class. Injects {@link MockCloud} and {@link MockCloudAdminClient} parameters.
 *
 * <pre>{@code
 * @RegisterExtension
 * static MockCloudExtension mock = new MockCloudExtension();
 *
 * @Test
 * void pushes(MockCloud cloud) { ... cloud.endpoints("simplisafe") ... }
 * }</pre>
 *
 * <p>Register it in a static field (or with {@code @ExtendWith}); from an instance field it starts
 * lazily before the first test and is closed with the class's extension store. It runs on its own
 * Vert.x instance unless {@link #MockCloudExtension(MockCloudOptions, Vertx)} is given one (which
 * it then never closes). Start and close block the JUnit thread, at most {@value #TIMEOUT_SECONDS}
 * s.
 */
public final class MockCloudExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {
  /** How long start, reset and close may take. */
  public static final long TIMEOUT_SECONDS = 30;

  private final MockCloudOptions options;
  private final Vertx givenVertx;
  private Vertx vertx;
  private MockCloud cloud;

  /** Every ServiceLoader emulation, ports 0, own Vert.x. */
  public MockCloudExtension() {
    this(new MockCloudOptions(), null);
  }

  /** These emulations only, ports 0, own Vert.x. */
  public MockCloudExtension(List<? extends VendorEmulation> emulations) {
    this(new MockCloudOptions().emulations(emulations), null);
  }

  /** {@code options} on {@code vertx} (null: an own Vert.x, closed after the class). */
  public MockCloudExtension(MockCloudOptions options, Vertx vertx) {
    this.options = options;
    this.givenVertx = vertx;
  }

  /** The running mock cloud. @throws IllegalStateException before the class started it */
  public MockCloud cloud() {
    if (cloud == null) {
      throw new IllegalStateException("the mock cloud is not started");
    }
    return cloud;
  }

  /** The Vert.x instance the mock cloud runs on. */
  public Vertx vertx() {
    cloud();
    return vertx;
  }

  /** An admin client of the running mock cloud. */
  public MockCloudAdminClient admin() {
    return MockCloudAdminClient.of(cloud());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (cloud == null) {
      start();
      context
          .getParent()
          .orElse(context)
          .getStore(ExtensionContext.Namespace.create(MockCloudExtension.class, this))
          .put("cloud", (ExtensionContext.Store.CloseableResource) this::stop);
      return;
    }
    await(cloud.reset(), "reset");
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == MockCloud.class || type == MockCloudAdminClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (cloud == null) {
      start();
    }
    return parameter.getParameter().getType() == MockCloud.class ? cloud : admin();
  }

  private synchronized void start() {
    if (cloud != null) {
      return;
    }
    vertx = givenVertx != null ? givenVertx : Vertx.vertx();
    try {
      cloud = await(MockCloud.start(vertx, options), "start");
    } catch (RuntimeException e) {
      closeOwnVertx();
      throw e;
    }
  }

  private synchronized void stop() {
    try {
      if (cloud != null) {
        await(cloud.close(), "close");
      }
    } finally {
      cloud = null;
      closeOwnVertx();
    }
  }

  private void closeOwnVertx() {
    if (givenVertx == null && vertx != null) {
      Vertx own = vertx;
      vertx = null;
      await(own.close(), "Vert.x close");
    }
  }

  private static <T> T await(Future<T> future, String what) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "mock cloud " + what + " failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("mock cloud " + what + " timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
