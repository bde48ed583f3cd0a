package io.cloudbus.mock;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A Node project from the test resources ({@code /node/<name>/}: {@code package.json}, the pinned
 * {@code package-lock.json} and scripts) copied to {@code target/node/<name>} and installed with
 * {@code npm ci}. Tests using it are skipped (with the reason) when {@code node}/{@code npm} are
 * missing or the install fails; {@code .ci/run} installs Node.
 */
public final class NodeProject {

  private final Path dir;

  private NodeProject(Path dir) {
    this.dir = dir;
  }

  /**
   * Copies and installs project {@code name} (unless {@code node_modules/<marker>} is already there
   * from an earlier run with the same lock file).
   */
  public static NodeProject install(String name, String marker) throws Exception {
    Assumptions.assumeTrue(onPath("node") && onPath("npm"), "node and npm are not installed");
    Path dir = Path.of("target", "node", name);
    Files.createDirectories(dir);
    String lock = resource(name, "package-lock.json");
    boolean fresh =
        !Files.isDirectory(dir.resolve("node_modules").resolve(marker))
            || !Files.exists(dir.resolve("package-lock.json"))
            || !Files.readString(dir.resolve("package-lock.json")).equals(lock);
    for (String file : List.of("package.json", "package-lock.json")) {
      Files.writeString(dir.resolve(file), resource(name, file));
    }
    if (fresh) {
      Process npm =
          new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("npm-ci.log").toFile())
              .start();
      boolean done = npm.waitFor(240, TimeUnit.SECONDS);
      if (!done) {
        npm.destroyForcibly();
      }
      Assumptions.assumeTrue(
          done && npm.exitValue() == 0, "npm ci failed; see " + dir.resolve("npm-ci.log"));
    }
    return new NodeProject(dir);
  }

  /** Starts {@code node <script> args...} in the project directory (stderr merged into stdout). */
  public Process run(String script, String... args) throws IOException {
    try (InputStream in =
        NodeProject.class.getResourceAsStream("/node/" + dir.getFileName() + "/" + script)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no test resource /node/" + dir.getFileName() + "/" + script);
      }
      Files.copy(in, dir.resolve(script), StandardCopyOption.REPLACE_EXISTING);
    }
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
  }

  /**
   * Reads the process's output on a daemon thread: JSON lines into {@code lines}, any other line as
   * {@code {"step":"output","line":...}}.
   */
  public static void readLines(Process process, List<JsonObject> lines) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  try {
                    lines.add(new JsonObject(line));
                  } catch (DecodeException | ClassCastException e) {
                    lines.add(new JsonObject().put("step", "output").put("line", line));
                  }
                }
              } catch (IOException e) {
                lines.add(new JsonObject().put("step", "output").put("line", e.toString()));
              }
            },
            "node-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private static String resource(String name, String file) throws IOException {
    try (InputStream in = NodeProject.class.getResourceAsStream("/node/" + name + "/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource /node/" + name + "/" + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static boolean onPath(String command) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, command))) {
        return true;
      }
    }
    return false;
  }
}
