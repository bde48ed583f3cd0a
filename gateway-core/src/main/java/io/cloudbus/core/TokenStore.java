package io.cloudbus.core;

import io.cloudbus.core.impl.FileTokenStore;
import io.cloudbus.core.impl.InMemoryTokenStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;

/**
 * Persists tokens per account key (e.g. {@code simplisafe/home}), because both real vendors punish
 * repeated full logins. Implementations never block an event loop.
 */
public interface TokenStore {

  /** The stored token for {@code key}, or a succeeded future of null when there is none. */
  Future<AccessToken> load(String key);

  /** Stores (replaces) the token for {@code key}. */
  Future<Void> save(String key, AccessToken token);

  /** Forgets the token for {@code key}; succeeds when there was none. */
  Future<Void> remove(String key);

  /** A store that lives as long as the JVM. */
  static TokenStore inMemory() {
    return new InMemoryTokenStore();
  }

  /**
   * A JSON file store. The file is replaced atomically on every write and is readable and writable
   * by its owner only (where the file system supports POSIX permissions).
   */
  static TokenStore file(Vertx vertx, Path file) {
    return new FileTokenStore(vertx, file);
  }
}
