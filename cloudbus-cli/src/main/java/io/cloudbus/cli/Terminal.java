package io.cloudbus.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What a command talks to: its output streams, standard input, the environment, and the stop signal
 * of long-running commands (Ctrl-C in a real terminal, an explicit {@link #requestStop()} in
 * tests). Thread-safe.
 */
public final class Terminal {

  /** How long the shutdown hook waits for a running command to close everything. */
  static final long SHUTDOWN_GRACE_MS = 15_000;

  private final PrintWriter out;
  private final PrintWriter err;
  private final BufferedReader in;
  private final Function<String, String> env;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean longRunning;

  public Terminal(
      PrintWriter out, PrintWriter err, BufferedReader in, Function<String, String> env) {
    this.out = out;
    this.err = err;
    this.in = in;
    this.env = env;
  }

  /**
   * The process terminal: {@code System.out/err/in}, {@code System.getenv}, and a JVM shutdown hook
   * that turns Ctrl-C into {@link #requestStop()} and waits (up to {@value #SHUTDOWN_GRACE_MS} ms)
   * for the command to finish closing, so that Vert.x closes cleanly.
   */
  public static Terminal system() {
    Terminal t =
        new Terminal(
            new PrintWriter(System.out, true, StandardCharsets.UTF_8),
            new PrintWriter(System.err, true, StandardCharsets.UTF_8),
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
            System::getenv);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  t.requestStop();
                  if (!t.longRunning) {
                    return;
                  }
                  try {
                    t.stopped.await(SHUTDOWN_GRACE_MS, TimeUnit.MILLISECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "cloudbus-shutdown"));
    return t;
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  public BufferedReader in() {
    return in;
  }

  /** An environment variable, or null when unset. */
  public String env(String name) {
    return env.apply(name);
  }

  public Function<String, String> env() {
    return env;
  }

  /**
   * Marks the start of a long-running command: from now on Ctrl-C waits for it to close everything
   * ({@link #markStopped()}). Other commands are simply ended by Ctrl-C.
   */
  void beginLongRunning() {
    longRunning = true;
  }

  /** Asks a long-running command to stop (idempotent). */
  public void requestStop() {
    stop.countDown();
  }

  /** Blocks until {@link #requestStop()}. */
  void awaitStop() throws InterruptedException {
    stop.await();
  }

  boolean stopRequested() {
    return stop.getCount() == 0;
  }

  /** Called by a long-running command once everything is closed; releases the shutdown hook. */
  void markStopped() {
    stopped.countDown();
  }

  /** Waits until the command marked itself stopped; for tests. */
  public boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
    return stopped.await(timeout, unit);
  }
}
