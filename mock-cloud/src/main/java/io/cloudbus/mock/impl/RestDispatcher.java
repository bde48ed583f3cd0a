package io.cloudbus.mock.impl;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.cloudbus.mock.MockRequest;
import io.cloudbus.mock.MockResponse;
import io.cloudbus.mock.RestHandler;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns WireMock into a live server: every stub a vendor registers points at this transformer with
 * a route id, and the transformer runs the vendor's Java handler on the mock cloud's Vert.x context
 * (so emulation state is single-threaded), waiting on the Jetty thread, never on an event loop.
 */
final class RestDispatcher implements ResponseDefinitionTransformerV2 {
  static final String NAME = "cloudbus-dispatch";

  /** How long a Jetty thread waits for a handler before answering 504. */
  static final long HANDLER_TIMEOUT_MS = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(RestDispatcher.class);
  private static final String ROUTE = "cloudbusRoute";

  private record Route(VendorContextImpl vendor, RestHandler handler) {}

  private final Map<String, Route> routes = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final Queue<MappingBuilder> pending = new ConcurrentLinkedQueue<>();
  private volatile Context context;

  void bind(Context context) {
    this.context = context;
  }

  /**
   * Records a stub for {@code vendor}: exact path (priority 1) or regex (priority 5). Stubs reach
   * WireMock in {@link #flush}, on a worker thread: WireMock's first stubs load many classes, too
   * slow for an event loop.
   */
  void register(
      VendorContextImpl vendor, String method, String path, boolean regex, RestHandler handler) {
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("REST path must start with /: " + path);
    }
    String prefix = "/" + vendor.vendor();
    String id = vendor.vendor() + "-" + ids.incrementAndGet();
    MappingBuilder mapping =
        "ANY".equalsIgnoreCase(method)
            ? any(
                regex
                    ? urlPathMatching(Pattern.quote(prefix) + path)
                    : urlPathEqualTo(prefix + path))
            : request(
                method.toUpperCase(),
                regex
                    ? urlPathMatching(Pattern.quote(prefix) + path)
                    : urlPathEqualTo(prefix + path));
    routes.put(id, new Route(vendor, handler));
    pending.add(
        mapping
            .atPriority(regex ? 5 : 1)
            .willReturn(
                ResponseDefinitionBuilder.responseDefinition()
                    .withTransformers(NAME)
                    .withTransformerParameter(ROUTE, id)));
  }

  /** Hands every recorded stub to WireMock. Blocking: call on a worker thread. */
  void flush(WireMockServer wireMock) {
    MappingBuilder mapping;
    while ((mapping = pending.poll()) != null) {
      wireMock.stubFor(mapping);
    }
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    Object id = event.getTransformerParameters().get(ROUTE);
    Route route = id == null ? null : routes.get(id.toString());
    Context ctx = context;
    if (route == null || ctx == null) {
      return plain(500, "{\"error\":\"no mock route\"}", 0);
    }
    MockRequest request = toMockRequest(event.getRequest(), "/" + route.vendor().vendor());
    CompletableFuture<MockResponse> result = new CompletableFuture<>();
    ctx.runOnContext(
        v -> {
          try {
            result.complete(route.vendor().handleRest(route.handler(), request));
          } catch (Throwable t) {
            result.completeExceptionally(t);
          }
        });
    long latencyMs = route.vendor().faults().latencyMs();
    try {
      MockResponse response = result.get(HANDLER_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      if (response == null) {
        throw new IllegalStateException("handler returned null");
      }
      ResponseDefinitionBuilder builder =
          ResponseDefinitionBuilder.responseDefinition()
              .withStatus(response.status())
              .withBody(response.body());
      response.headers().forEach(builder::withHeader);
      if (latencyMs > 0) {
        builder.withFixedDelay((int) latencyMs);
      }
      return builder.build();
    } catch (TimeoutException e) {
      LOG.warn("[{}] {} timed out in the mock handler", route.vendor().vendor(), request);
      return plain(504, "{\"error\":\"mock handler timed out\"}", 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return plain(503, "{\"error\":\"mock shutting down\"}", 0);
    } catch (Exception e) {
      LOG.warn("[{}] {} failed in the mock handler", route.vendor().vendor(), request, e);
      return plain(500, "{\"error\":\"internal mock error\"}", latencyMs);
    }
  }

  static MockRequest toMockRequest(Request request, String prefix) {
    String url = request.getUrl();
    int q = url.indexOf('?');
    String path = q < 0 ? url : url.substring(0, q);
    if (path.startsWith(prefix)) {
      path = path.substring(prefix.length());
    }
    if (path.isEmpty()) {
      path = "/";
    }
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (HttpHeader header : request.getHeaders().all()) {
      header.values().forEach(value -> headers.add(header.key(), value));
    }
    return new MockRequest(
        request.getMethod().getName(),
        path,
        headers,
        parseQuery(q < 0 ? "" : url.substring(q + 1)),
        request.getBodyAsString());
  }

  static MultiMap parseQuery(String query) {
    MultiMap params = MultiMap.caseInsensitiveMultiMap();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      params.add(
          decode(eq < 0 ? pair : pair.substring(0, eq)),
          decode(eq < 0 ? "" : pair.substring(eq + 1)));
    }
    return params;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private static ResponseDefinition plain(int status, String body, long latencyMs) {
    ResponseDefinitionBuilder builder =
        ResponseDefinitionBuilder.responseDefinition()
            .withStatus(status)
            .withHeader("Content-Type", "application/json")
            .withBody(body);
    if (latencyMs > 0) {
      builder.withFixedDelay((int) latencyMs);
    }
    return builder.build();
  }
}
