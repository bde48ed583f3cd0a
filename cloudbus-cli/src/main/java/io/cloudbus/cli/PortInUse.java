package io.cloudbus.cli;

import io.cloudbus.service.ServiceOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the service's "address already in use" into a message that says which port of which field
 * is taken, e.g. {@code service.httpPort 8080 is already in use on 127.0.0.1}. The bind error
 * itself names neither, so each configured port is tried once more (the failed start left nothing
 * listening) on a worker thread.
 */
final class PortInUse {

  private PortInUse() {}

  /**
   * @param err why the service did not start
   * @return always failed: with a {@link CliFailure} naming the taken port when {@code err} is a
   *     bind failure and a configured port is found taken, else with {@code err}
   */
  static <T> Future<T> explain(Vertx vertx, ServiceOptions options, Throwable err) {
    if (!isBindFailure(err)) {
      return Future.failedFuture(err);
    }
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("service.httpPort", options.httpPort());
    ports.put("service.tcpPort", options.tcpPort());
    return vertx
        .<Throwable>executeBlocking(
            () -> {
              for (Map.Entry<String, Integer> e : ports.entrySet()) {
                if (e.getValue() > 0 && taken(options.host(), e.getValue())) {
                  return new CliFailure(
                      e.getKey() + " " + e.getValue() + " is already in use on " + options.host(),
                      err);
                }
              }
              return err;
            },
            false)
        .transform(ar -> Future.failedFuture(ar.succeeded() ? ar.result() : err));
  }

  private static boolean isBindFailure(Throwable err) {
    for (Throwable t = err; t != null; t = t.getCause()) {
      if (t instanceof BindException
          || String.valueOf(t.getMessage()).contains("Address already in use")) {
        return true;
      }
    }
    return false;
  }

  private static boolean taken(String host, int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(host, port));
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
