package io.cloudbus.mock;

import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * Runs the mock cloud alone: {@code MockCloudMain [--port P] [--rest-port R] [--host H]}. Prints
 * one JSON line, {@code {"admin":"http://127.0.0.1:P/admin","vendors":{...endpoints...}}}, then
 * serves until the process is stopped. Exit status 2 for bad arguments, 1 when the mock cannot
 * start.
 */
public final class MockCloudMain {
  private MockCloudMain() {}

  public static void main(String[] args) {
    MockCloudOptions options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("mock-cloud: " + e.getMessage());
      System.err.println(
          "usage: mock-cloud [--port P] [--rest-port R] [--host H] [--tls [--tls-dir DIR]]");
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    MockCloud cloud;
    try {
      cloud = run(vertx, options, System.out);
    } catch (Exception e) {
      System.err.println("mock-cloud: cannot start: " + e.getMessage());
      vertx.close();
      System.exit(1);
      return;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    cloud
                        .close()
                        .compose(v -> vertx.close())
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
                  } catch (Exception e) {
                    // the process is exiting anyway
                  }
                }));
  }

  /**
   * Starts a mock cloud on {@code vertx}, waits for it (at most 60 s) and prints its one JSON line
   * to {@code out}. Blocking: never call on an event loop.
   *
   * @throws Exception when it cannot start (port taken, emulation failure, timeout)
   */
  public static MockCloud run(Vertx vertx, MockCloudOptions options, PrintStream out)
      throws Exception {
    MockCloud cloud =
        MockCloud.start(vertx, options)
            .toCompletionStage()
            .toCompletableFuture()
            .get(60, TimeUnit.SECONDS);
    out.println(cloud.describe().encode());
    out.flush();
    return cloud;
  }

  /**
   * Parses the command line.
   *
   * @throws IllegalArgumentException naming the bad argument
   */
  static MockCloudOptions parse(String[] args) {
    MockCloudOptions options = new MockCloudOptions();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--port" -> options = options.port(intValue(arg, value(args, ++i, arg)));
        case "--rest-port" -> options = options.restPort(intValue(arg, value(args, ++i, arg)));
        case "--host" -> options = options.host(value(args, ++i, arg));
        case "--tls" -> options = options.tls(true);
        case "--tls-dir" -> options = options.tlsDir(value(args, ++i, arg));
        default -> throw new IllegalArgumentException("unknown argument: " + arg);
      }
    }
    return options;
  }

  private static String value(String[] args, int i, String name) {
    if (i >= args.length) {
      throw new IllegalArgumentException(name + " needs a value");
    }
    return args[i];
  }

  private static int intValue(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number: " + value);
    }
  }
}
