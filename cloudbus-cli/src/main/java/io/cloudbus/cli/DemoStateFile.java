package io.cloudbus.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * The running demo's state file: {@code {"url", "token", "pid"}}, so that {@code cloudbus command}
 * on the same machine, as the same user, finds the demo's generated command token. It lives in
 * {@code $XDG_RUNTIME_DIR/cloudbus/demo.json} when {@code XDG_RUNTIME_DIR} is set (a per-user
 * directory the system removes at logout), else {@code ~/.cloudbus/demo.json}; the directory is
 * created owner-only ({@code 0700}) and the file is written owner-only ({@code 0600}, through a
 * temporary file moved into place). The demo removes it when it exits, unless another demo has
 * replaced it meanwhile (the token no longer matches). A file whose process is gone is ignored.
 */
final class DemoStateFile {

  static final String FILE_NAME = "demo.json";

  private final Path file;

  private DemoStateFile(Path file) {
    this.file = file;
  }

  /** The state file's place for this user; {@code env} reads the environment. */
  static DemoStateFile locate(Function<String, String> env) {
    String runtime = env.apply("XDG_RUNTIME_DIR");
    Path dir =
        runtime != null && !runtime.isBlank()
            ? Path.of(runtime, "cloudbus")
            : Path.of(System.getProperty("user.home"), ".cloudbus");
    return new DemoStateFile(dir.resolve(FILE_NAME));
  }

  Path path() {
    return file;
  }

  /** A fresh random command token (256 bits, hex). */
  static String newToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Writes {@code url} and {@code token} owner-only; throws when it cannot. */
  void write(String url, String token) throws IOException {
    Path dir = file.getParent();
    if (!Files.isDirectory(dir)) {
      try {
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (UnsupportedOperationException e) {
        Files.createDirectories(dir);
      }
    }
    String json =
        new JsonObject()
            .put("url", url)
            .put("token", token)
            .put("pid", ProcessHandle.current().pid())
            .encodePrettily();
    Path tmp = dir.resolve(FILE_NAME + "." + ProcessHandle.current().pid() + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(tmp);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("cannot create " + tmp + ": it exists", e);
    }
    Files.writeString(tmp, json, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * The running demo's {@code {url, token}}, or null: no file, not readable, not JSON, or its
   * process is gone.
   */
  JsonObject read() {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > 4_096) {
        return null;
      }
      JsonObject json = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
      if (!(json.getValue("url") instanceof String)
          || !(json.getValue("token") instanceof String)) {
        return null;
      }
      if (json.getValue("pid") instanceof Number pid
          && !ProcessHandle.of(pid.longValue()).map(ProcessHandle::isAlive).orElse(false)) {
        return null;
      }
      return json;
    } catch (IOException | DecodeException | ClassCastException e) {
      return null;
    }
  }

  /** Removes the file if it still holds {@code token} (another demo may have replaced it). */
  void removeIfOwn(String token) {
    try {
      JsonObject json = read();
      if (json != null && token.equals(json.getString("token"))) {
        Files.deleteIfExists(file);
      }
    } catch (IOException | RuntimeException e) {
      // best effort: a stale file is ignored by read() once this process is gone
    }
  }
}
