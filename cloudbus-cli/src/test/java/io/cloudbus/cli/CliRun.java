package io.cloudbus.cli;

import static io.cloudbus.cli.Patience.PATIENT;
import static io.cloudbus.cli.Patience.PATIENT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the command line in-process with captured output, on its own thread for long-running
 * commands; {@link #stop()} plays Ctrl-C.
 */
final class CliRun implements AutoCloseable {

  /** {@code $XDG_RUNTIME_DIR} of every run in this JVM: a temporary directory. */
  static final java.nio.file.Path RUNTIME_DIR = runtimeDir();

  final Map<String, String> env = new HashMap<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Terminal terminal;
  private CompletableFuture<Integer> exit;

  CliRun() {
    this("");
  }

  CliRun(String stdin) {
    this(new StringReader(stdin));
  }

  CliRun(Reader stdin) {
    // the demo's state file goes here, not into the user's ~/.cloudbus (a test may override it)
    env.put("XDG_RUNTIME_DIR", RUNTIME_DIR.toString());
    terminal =
        new Terminal(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            new BufferedReader(stdin),
            name -> env.get(name));
  }

  private static java.nio.file.Path runtimeDir() {
    try {
      java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("cloudbus-test-runtime-");
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try (var files = java.nio.file.Files.walk(dir)) {
                      files
                          .sorted(java.util.Comparator.reverseOrder())
                          .forEach(f -> f.toFile().delete());
                    } catch (java.io.IOException e) {
                      // a temporary directory
                    }
                  }));
      return dir;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Runs to completion and returns the exit code. */
  int execute(String... args) {
    return CloudbusCli.commandLine(terminal).execute(args);
  }

  /**
   * Starts a long-running command on its own thread. Not the common pool: where it has more than
   * one worker (on a newer JDK or a bigger machine), long-running commands started by one test
   * would wait for each other there.
   */
  CliRun start(String... args) {
    CompletableFuture<Integer> done = new CompletableFuture<>();
    Thread runner =
        new Thread(
            () -> {
              try {
                done.complete(execute(args));
              } catch (Throwable t) {
                done.completeExceptionally(t);
              }
            },
            "cli-" + args[0]);
    runner.setDaemon(true);
    runner.start();
    exit = done;
    return this;
  }

  /** Plays Ctrl-C and returns the exit code. */
  int stop() throws Exception {
    terminal.requestStop();
    return exit.get(PATIENT_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * For {@code run} and {@code demo} started with {@link #start}: waits for the first output line
   * ({@code dashboard <url>}) and returns the service's base URL without the trailing slash.
   */
  String awaitDashboard() {
    await().atMost(PATIENT).until(() -> out().startsWith("dashboard") || exit.isDone());
    assertThat(exit).as(err()).isNotDone();
    return out()
        .lines()
        .findFirst()
        .orElseThrow()
        .replaceAll("^dashboard +", "")
        .replaceAll("/$", "");
  }

  CompletableFuture<Integer> exit() {
    return exit;
  }

  String out() {
    synchronized (out.getBuffer()) {
      return out.toString();
    }
  }

  String err() {
    synchronized (err.getBuffer()) {
      return err.toString();
    }
  }

  /** Stops a command still running; an interrupt is kept, not thrown (try-with-resources). */
  @Override
  public void close() throws ExecutionException, TimeoutException {
    if (exit != null && !exit.isDone()) {
      terminal.requestStop();
      try {
        exit.get(PATIENT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
