package io.cloudbus.service.impl;

import io.cloudbus.service.ServiceLimits;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Shareable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Command rate limits, applied before a command reaches an adapter: a token bucket per client (a
 * bridge connection, or a token name for REST) and one per account (keyed by its command address,
 * shared by every client and transport). Each bucket holds a minute's allowance ({@code
 * commandsPerMinutePer...}) and refills continuously; a command passes only when both buckets have
 * a token, and then takes one from each. A refused command costs nothing.
 *
 * <p>Why both: the per-client bucket keeps one noisy client from using up an account's allowance,
 * and the per-account bucket keeps the sum of all clients below the adapter's traffic guard (whose
 * trip would close the vendor connection): the configuration refuses a per-account limit that could
 * reach the guard's warn rate.
 *
 * <p>Memory: a bucket that has refilled completely is the same as no bucket, so idle buckets are
 * dropped (swept at most every {@value #SWEEP_INTERVAL_MS} ms, or when the table is full); at most
 * {@code maxKeys} buckets of each kind exist; a new key beyond that is refused as rate limited.
 *
 * <p>Thread-safe: the bridges call it from their event loops. Times come from {@code millis}
 * (controllable in tests).
 */
final class CommandLimiter implements Shareable {

  /** What {@link #admit(String, String)} decided. */
  enum Verdict {
    ALLOWED,
    CLIENT_LIMIT,
    ACCOUNT_LIMIT
  }

  static final int DEFAULT_MAX_KEYS = 100_000;
  static final long SWEEP_INTERVAL_MS = 10_000;
  static final String RATE_LIMITED = "rate_limited";
  private static final String SHARED_MAP = "cloudbus.command-limiters";

  private final int perMinutePerClient;
  private final int perMinutePerAccount;
  private final int maxKeys;
  private final LongSupplier millis;
  private final Map<String, Bucket> clients = new ConcurrentHashMap<>();
  private final Map<String, Bucket> accounts = new ConcurrentHashMap<>();
  private final AtomicLong lastSweep;

  /**
   * @param perMinutePerClient a client's allowance per minute (also its burst)
   * @param perMinutePerAccount an account's allowance per minute (also its burst)
   * @param maxKeys the most buckets of each kind
   * @param millis the clock, in milliseconds
   */
  CommandLimiter(
      int perMinutePerClient, int perMinutePerAccount, int maxKeys, LongSupplier millis) {
    this.perMinutePerClient = perMinutePerClient;
    this.perMinutePerAccount = perMinutePerAccount;
    this.maxKeys = maxKeys;
    this.millis = millis;
    this.lastSweep = new AtomicLong(millis.getAsLong());
  }

  /**
   * The limiter of this Vert.x instance for these limits, created on first use. Shared so that the
   * per-account allowance holds across every bridge (and service) of the process.
   */
  static CommandLimiter of(Vertx vertx, ServiceLimits limits) {
    String key = limits.commandsPerMinutePerClient() + "/" + limits.commandsPerMinutePerAccount();
    return vertx
        .sharedData()
        .<String, CommandLimiter>getLocalMap(SHARED_MAP)
        .computeIfAbsent(
            key,
            k ->
                new CommandLimiter(
                    limits.commandsPerMinutePerClient(),
                    limits.commandsPerMinutePerAccount(),
                    DEFAULT_MAX_KEYS,
                    System::currentTimeMillis));
  }

  /**
   * Admits one command of {@code client} to {@code account}, or says which limit refused it.
   *
   * @param client the client's key (connection id, or token name)
   * @param account the account's key (its command address)
   */
  Verdict admit(String client, String account) {
    long now = millis.getAsLong();
    sweep(now);
    Bucket c = bucket(clients, client, perMinutePerClient, now);
    if (c == null || !c.available(now)) {
      return Verdict.CLIENT_LIMIT;
    }
    Bucket a = bucket(accounts, account, perMinutePerAccount, now);
    if (a == null || !a.available(now)) {
      return Verdict.ACCOUNT_LIMIT;
    }
    // Another thread may have taken the last token in between: then this one is refused.
    if (!a.take(now)) {
      return Verdict.ACCOUNT_LIMIT;
    }
    if (!c.take(now)) {
      a.giveBack();
      return Verdict.CLIENT_LIMIT;
    }
    return Verdict.ALLOWED;
  }

  /**
   * As {@link #admit(String, String)}; a refusal is counted in {@code metrics} for {@code
   * transport}.
   *
   * @return true when the command may go on to the adapter
   */
  boolean admit(String client, String account, GatewayMetrics metrics, String transport) {
    Verdict v = admit(client, account);
    if (v == Verdict.ALLOWED) {
      return true;
    }
    metrics.commandRateLimited(transport, v == Verdict.CLIENT_LIMIT ? "client" : "account");
    return false;
  }

  /**
   * The TCP bridge's answer to a refused command: {@code {"type":"err","message":"rate_limited",
   * "address":...}} at the command's address, or, for a request, at its reply address with the
   * failure fields of a reply error.
   */
  static JsonObject tcpRefusal(String address, String replyAddress) {
    JsonObject err =
        new JsonObject()
            .put("type", "err")
            .put("message", RATE_LIMITED)
            .put("address", replyAddress != null ? replyAddress : address);
    if (replyAddress != null) {
      err.put("failureCode", 429).put("failureType", "RECIPIENT_FAILURE");
    }
    return err;
  }

  /** The buckets held now, clients and accounts together (for tests and metrics). */
  int trackedKeys() {
    return clients.size() + accounts.size();
  }

  private Bucket bucket(Map<String, Bucket> map, String key, int perMinute, long now) {
    Bucket b = map.get(key);
    if (b != null) {
      return b;
    }
    if (map.size() >= maxKeys) {
      forceSweep(now);
      if (map.size() >= maxKeys) {
        return null;
      }
    }
    return map.computeIfAbsent(key, k -> new Bucket(perMinute, now));
  }

  private void sweep(long now) {
    long last = lastSweep.get();
    if (now - last >= SWEEP_INTERVAL_MS && lastSweep.compareAndSet(last, now)) {
      forceSweep(now);
    }
  }

  private void forceSweep(long now) {
    clients.values().removeIf(b -> b.full(now));
    accounts.values().removeIf(b -> b.full(now));
  }

  /** A token bucket of {@code capacity} tokens refilled at {@code capacity} per minute. */
  private static final class Bucket {
    private final double capacity;
    private final double perMs;
    private double tokens;
    private long updatedAt;

    Bucket(int perMinute, long now) {
      this.capacity = perMinute;
      this.perMs = perMinute / 60_000.0;
      this.tokens = perMinute;
      this.updatedAt = now;
    }

    synchronized boolean available(long now) {
      refill(now);
      return tokens >= 1;
    }

    synchronized boolean take(long now) {
      refill(now);
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }

    synchronized void giveBack() {
      tokens = Math.min(capacity, tokens + 1);
    }

    synchronized boolean full(long now) {
      refill(now);
      return tokens >= capacity;
    }

    private void refill(long now) {
      if (now > updatedAt) {
        tokens = Math.min(capacity, tokens + (now - updatedAt) * perMs);
        updatedAt = now;
      }
    }
  }
}
