package io.cloudbus.bench;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The driver's end of one child JVM ({@link BenchChild}): starts it, waits for its {@code ready}
 * event, sends requests and waits for their replies ({@link ChildProtocol}), hands other events to
 * a listener. The child's stderr is inherited (its log lines appear in the driver's stderr).
 *
 * <p>The child never outlives the driver: {@link #close} closes its stdin (the child exits) and
 * destroys it if it has not exited within a few seconds; a JVM shutdown hook does the same when the
 * driver is stopped; and a child whose driver was killed sees its stdin close. Threading: {@link
 * #request} from one thread at a time; events are delivered on the reader thread.
 */
final class ChildProcess implements AutoCloseable {

  private static final long EXIT_WAIT_MS = 10_000;

  private final String name;
  private final Process process;
  private final Writer stdin;
  private final BlockingQueue<JsonObject> replies = new LinkedBlockingQueue<>();
  private final Consumer<JsonObject> events;
  private final Thread hook;
  private final JsonObject ready;
  private long nextId;

  /**
   * Starts the child and waits for its {@code ready} event.
   *
   * @param events receives every event but {@code ready} (on the reader thread)
   * @throws IllegalStateException when it cannot start or is not ready within {@code timeoutMs}
   */
  ChildProcess(String name, List<String> command, Consumer<JsonObject> events, long timeoutMs) {
    this.name = name;
    this.events = events;
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    // routine socket logs of thousands of sockets would flood the driver's terminal
    builder.environment().putIfAbsent("CLOUDBUS_LOG_LEVEL", "WARN");
    try {
      this.process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot start the " + name + " process: " + e.getMessage(), e);
    }
    this.hook = new Thread(() -> destroy(), "bench-" + name + "-reaper");
    Runtime.getRuntime().addShutdownHook(hook);
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(this::read, "bench-" + name + "-reader");
    reader.setDaemon(true);
    reader.start();
    JsonObject first;
    try {
      first = take(timeoutMs, "starting");
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    if (!"ready".equals(first.getString("event"))) {
      close();
      throw new IllegalStateException(name + " process: expected ready, got " + first.encode());
    }
    this.ready = first;
  }

  /** The {@code ready} event's body (the mock's URLs, the pid). */
  JsonObject ready() {
    return ready;
  }

  /** The child's process id. */
  long pid() {
    return process.pid();
  }

  private void read() {
    PrintStream err = System.err;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        JsonObject message;
        try {
          message = ChildProtocol.parseChildLine(line);
        } catch (IllegalArgumentException e) {
          err.println(name + " process: " + e.getMessage());
          continue;
        }
        if (message == null) {
          err.println(name + " process: " + line);
        } else if (message.containsKey("id") || "ready".equals(message.getString("event"))) {
          replies.add(message);
        } else {
          events.accept(message);
        }
      }
    } catch (IOException e) {
      // the pipe broke: treated as the end of the process below
    }
    replies.add(new JsonObject().put("exited", true));
  }

  /**
   * Sends request {@code op} and waits for its reply's result.
   *
   * @throws IllegalStateException with the child's reason when it fails, times out or has exited
   */
  synchronized JsonObject request(String op, JsonObject args, long timeoutMs) {
    long id = ++nextId;
    try {
      stdin.write(ChildProtocol.request(id, op, args));
      stdin.write('\n');
      stdin.flush();
    } catch (IOException e) {
      throw new IllegalStateException(name + " process is gone (" + op + ")", e);
    }
    while (true) {
      JsonObject reply = take(timeoutMs, op);
      Long replyId = reply.getLong("id");
      if (replyId == null || replyId < id) {
        continue; // the late reply of a request that timed out
      }
      if (Boolean.TRUE.equals(reply.getBoolean("ok"))) {
        return reply.getJsonObject("result", new JsonObject());
      }
      throw new IllegalStateException(reply.getString("error", op + " failed"));
    }
  }

  private JsonObject take(long timeoutMs, String what) {
    JsonObject message;
    try {
      message = replies.poll(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(name + " process: interrupted (" + what + ")", e);
    }
    if (message == null) {
      throw new IllegalStateException(
          name + " process: no answer to " + what + " within " + timeoutMs + " ms");
    }
    if (message.containsKey("exited")) {
      replies.add(message); // every later call fails the same way
      throw new IllegalStateException(name + " process exited (" + exitCode() + ") during " + what);
    }
    return message;
  }

  private String exitCode() {
    try {
      return process.waitFor(2, TimeUnit.SECONDS) ? "code " + process.exitValue() : "still running";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  /** Closes the child's stdin (it exits), waits, then destroys it. Never throws. */
  @Override
  public void close() {
    stop();
  }

  /**
   * As {@link #close()}.
   *
   * @return whether the child exited by itself once its stdin was closed (false: destroyed)
   */
  boolean stop() {
    boolean exited = destroy();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down; the hook runs destroy() too
    }
    return exited;
  }

  private boolean destroy() {
    try {
      stdin.close();
    } catch (IOException ignored) {
      // already closed
    }
    try {
      if (process.waitFor(EXIT_WAIT_MS, TimeUnit.MILLISECONDS)) {
        return true;
      }
      process.destroyForcibly().waitFor(EXIT_WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    return false;
  }
}
