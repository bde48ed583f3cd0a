package io.cloudbus.core.impl;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.TokenStore;
import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link TokenStore} that lives as long as the JVM. Thread-safe. */
public final class InMemoryTokenStore implements TokenStore {

  private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();

  @Override
  public Future<AccessToken> load(String key) {
    return Future.succeededFuture(tokens.get(key));
  }

  @Override
  public Future<Void> save(String key, AccessToken token) {
    tokens.put(key, token);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> remove(String key) {
    tokens.remove(key);
    return Future.succeededFuture();
  }
}
