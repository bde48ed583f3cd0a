package io.cloudbus.core.impl;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.TokenStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A {@link TokenStore} in one JSON file: {@code {"<key>": {"access_token":...}, ...}}. Every write
 * goes to a temporary file in the same directory, created with owner-only permissions ({@code
 * rw-------}), and is then moved over the old file atomically, so a crash never leaves a torn file.
 * File I/O runs on a worker thread; writes are serialized by this instance.
 */
public final class FileTokenStore implements TokenStore {

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final Vertx vertx;
  private final Path file;
  private final Object lock = new Object();

  public FileTokenStore(Vertx vertx, Path file) {
    this.vertx = vertx;
    this.file = file.toAbsolutePath();
  }

  @Override
  public Future<AccessToken> load(String key) {
    return vertx.executeBlocking(
        () -> {
          JsonObject entry = read().getJsonObject(key);
          return entry == null ? null : AccessToken.fromJson(entry);
        },
        false);
  }

  @Override
  public Future<Void> save(String key, AccessToken token) {
    return update(all -> all.put(key, token.toJson()));
  }

  @Override
  public Future<Void> remove(String key) {
    return update(all -> all.remove(key));
  }

  private Future<Void> update(java.util.function.Consumer<JsonObject> change) {
    return vertx.executeBlocking(
        () -> {
          synchronized (lock) {
            JsonObject all = read();
            change.accept(all);
            write(all);
          }
          return null;
        },
        false);
  }

  private JsonObject read() throws IOException {
    synchronized (lock) {
      if (!Files.exists(file)) {
        return new JsonObject();
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      try {
        return text.isBlank() ? new JsonObject() : new JsonObject(text);
      } catch (RuntimeException e) {
        throw new IOException("token store " + file + " is not valid JSON", e);
      }
    }
  }

  private void write(JsonObject all) throws IOException {
    Path dir = file.getParent();
    Files.createDirectories(dir);
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    Path tmp =
        posix
            ? Files.createTempFile(
                dir, ".tokens", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
            : Files.createTempFile(dir, ".tokens", ".tmp");
    try {
      Files.writeString(tmp, all.encodePrettily(), StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      if (posix) {
        Files.setPosixFilePermissions(file, OWNER_ONLY);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
