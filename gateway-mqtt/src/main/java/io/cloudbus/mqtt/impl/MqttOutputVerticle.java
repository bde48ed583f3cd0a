package io.cloudbus.mqtt.impl;

import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.journal.EventJournal;
import io.cloudbus.core.journal.JournalEntry;
import io.cloudbus.core.journal.JournalFeed;
import io.cloudbus.core.util.RepeatedFailures;
import io.cloudbus.mqtt.MqttOutput;
import io.cloudbus.mqtt.MqttOutputOptions;
import io.cloudbus.mqtt.MqttTopics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link MqttOutput}: consumes this node's bus ({@code cloudbus.events}, {@code
 * cloudbus.status}; local consumers, so that in a cluster each node publishes its own accounts
 * once), keeps one MQTT connection up with backoff, and publishes through an {@link OutboundQueue}.
 * After every (re)connect the retained state (gateway {@code online}, discovery configs, account
 * status, device state) is published again first, so a broker that lost its retained messages gets
 * them back.
 */
public final class MqttOutputVerticle extends VerticleBase implements MqttOutput {

  private static final Logger LOG = LoggerFactory.getLogger(MqttOutputVerticle.class);

  /** How often a journal-fed output looks for events it was not woken for (read failures). */
  static final long JOURNAL_TICK_MS = 2_000;

  private final MqttOutputOptions options;
  private final MqttTopics topics;
  private final OutboundQueue queue;
  private final RetainedState state;
  private MqttCommandRouter commands;
  private MqttTransport client;
  private String lastError;
  private RepeatedFailures connectFailures;
  private boolean connected;
  private boolean closing;
  private int attempt;
  private long reconnects;
  private long reconnectTimer = -1;
  private long journalTimer = -1;
  private volatile JsonObject stats = new JsonObject();
  private final Future<EventJournal> journal;
  private final Instant liveFrom;
  private JournalFeed feed;

  /** The journal position of each queued event message (journal mode only). */
  private final Map<OutboundQueue.Message, Long> positions = new IdentityHashMap<>();

  private MqttOutputVerticle(
      MqttOutputOptions options, Future<EventJournal> journal, Instant liveFrom) {
    this.options = options;
    this.journal = journal;
    this.liveFrom = liveFrom;
    this.topics = new MqttTopics(options.prefix(), options.discoveryPrefix());
    this.queue = new OutboundQueue(options.maxPending(), options.maxInFlight());
    this.state =
        new RetainedState(
            topics,
            options.homeAssistantDiscovery()
                ? new HomeAssistantDiscovery(topics, options.disarmCode() != null)
                : null);
    updateStats();
  }

  /**
   * Deploys an output; see {@link MqttOutput#start}. With {@code journal} non-null, events are read
   * from it (once it completes) from the output's delivery cursor instead of taken from the bus.
   */
  public static Future<MqttOutput> deploy(
      Vertx vertx, MqttOutputOptions options, Future<EventJournal> journal, Instant liveFrom) {
    MqttOutputVerticle output = new MqttOutputVerticle(options, journal, liveFrom);
    return vertx.deployVerticle(output).map(id -> output);
  }

  @Override
  public Future<?> start() {
    commands = new MqttCommandRouter(vertx, options.disarmCode());
    Future<Void> events =
        vertx
            .eventBus()
            .<JsonObject>localConsumer(CloudbusAddresses.EVENTS, m -> onEvent(m.body()))
            .completion();
    Future<Void> status =
        vertx
            .eventBus()
            .<JsonObject>localConsumer(CloudbusAddresses.STATUS, m -> onStatus(m.body()))
            .completion();
    if (journal != null) {
      journal.onSuccess(this::useJournal);
    }
    return Future.all(events, status).onSuccess(v -> connect());
  }

  /** From now on events come from the journal, from the cursor; the bus only wakes the reader. */
  /** The cursor name of an output with {@code clientId}: {@code mqtt:<clientId>}, made valid. */
  static String cursorName(String clientId) {
    return "mqtt:" + clientId.replaceAll("[^A-Za-z0-9:._-]", "_");
  }

  private void useJournal(EventJournal j) {
    if (closing) {
      return;
    }
    // every event may add a few messages (doorbell, device state, configs): keep the bound
    int window = Math.max(1, options.maxPending() / 4);
    JournalFeed f =
        new JournalFeed(j, cursorName(options.clientId()), window, e -> true, this::onEntry);
    // set first: an in-memory journal answers at once, within start()
    feed = f;
    f.start(liveFrom)
        .onSuccess(
            v ->
                journalTimer =
                    vertx.setPeriodic(
                        JOURNAL_TICK_MS,
                        id -> {
                          f.refreshLatest();
                          f.wake();
                          updateStats();
                        }))
        .onFailure(
            err -> {
              feed = null;
              LOG.warn("mqtt: cannot read the journal's cursor: {}", err.getMessage());
            });
  }

  private void onEntry(JournalEntry entry) {
    Long position = entry.position();
    for (OutboundQueue.Message m : state.event(entry.event())) {
      if (m.retain()) {
        publishRetained(m);
      } else if (position != null) {
        // the event's own message (the first not retained) carries its position
        positions.put(m, position);
        position = null;
        add(m);
      } else {
        add(m);
      }
    }
    if (position != null) {
      feed.done(position);
    }
    drain();
  }

  private void add(OutboundQueue.Message m) {
    OutboundQueue.Message dropped = queue.add(m);
    Long p = dropped == null ? null : positions.remove(dropped);
    if (p != null && feed != null) {
      feed.done(p);
    }
  }

  @Override
  public Future<?> stop() {
    closing = true;
    vertx.cancelTimer(reconnectTimer);
    vertx.cancelTimer(journalTimer);
    Future<Void> cursor = feed == null ? Future.succeededFuture() : feed.close();
    MqttTransport c = client;
    if (c == null || !connected) {
      return cursor;
    }
    // A clean disconnect does not fire the will: say offline first.
    Promise<Void> done = Promise.promise();
    c.publish(topics.gatewayStatus(), Buffer.buffer("offline"), true)
        .compose(id -> c.disconnect())
        .onComplete(ar -> done.tryComplete());
    vertx.setTimer(2_000, id -> done.tryComplete());
    return Future.all(cursor, done.future());
  }

  @Override
  public JsonObject stats() {
    return stats.copy();
  }

  @Override
  public Future<Void> close() {
    String id = deploymentID();
    return id == null
        ? Future.succeededFuture()
        : vertx.undeploy(id).recover(err -> Future.succeededFuture());
  }

  private void onEvent(JsonObject event) {
    if (event == null) {
      return;
    }
    if (journal != null) {
      // journaled by its socket before it was published: the reader gets it from there
      if (feed != null) {
        feed.wake();
      }
      return;
    }
    for (OutboundQueue.Message m : state.event(event)) {
      if (m.retain()) {
        publishRetained(m);
      } else {
        queue.add(m);
      }
    }
    drain();
  }

  private void onStatus(JsonObject status) {
    if (status != null) {
      state.status(status).forEach(this::publishRetained);
      drain();
    }
  }

  /** Retained state is sent now when connected; otherwise it goes out with the next connect. */
  private void publishRetained(OutboundQueue.Message message) {
    state.declared().forEach(commands::declare);
    if (connected) {
      queue.add(message);
    }
  }

  private void connect() {
    if (closing) {
      return;
    }
    MqttTransport c =
        MqttTransport.create(
            vertx,
            options,
            new MqttTransport.Will(topics.gatewayStatus(), Buffer.buffer("offline")));
    client = c;
    c.ackHandler(
        id -> {
          OutboundQueue.Message m = queue.acknowledge(id);
          Long p = m == null ? null : positions.remove(m);
          if (p != null && feed != null) {
            feed.done(p);
          }
          drain();
        });
    c.messageHandler(
        (topic, payload) -> {
          commands.handle(topic, payload);
          updateStats();
        });
    c.closeHandler(() -> connectionLost(c));
    c.connect()
        .onSuccess(ack -> connected(c))
        .onFailure(
            err -> {
              lastError = reason(err);
              logConnectFailure();
              if (client == c) {
                client = null;
                scheduleReconnect();
              }
            });
  }

  /** Warns that the broker cannot be reached, but of the same failure again once a minute. */
  private void logConnectFailure() {
    if (connectFailures == null) {
      connectFailures = new RepeatedFailures(System::nanoTime);
    }
    connectFailures.log(
        LOG,
        lastError,
        "mqtt: cannot connect to " + options.host() + ":" + options.port() + ": " + lastError);
  }

  private void connected(MqttTransport c) {
    if (closing || client != c) {
      c.disconnect();
      return;
    }
    LOG.info("mqtt: connected to {}:{}", options.host(), options.port());
    connected = true;
    lastError = null;
    connectFailures = null;
    attempt = 0;
    // The retained state first, ahead of the events held while disconnected.
    var retained = state.all();
    retained.add(
        0, new OutboundQueue.Message(topics.gatewayStatus(), Buffer.buffer("online"), true));
    for (int i = retained.size() - 1; i >= 0; i--) {
      queue.unsent(retained.get(i));
    }
    state.declared().forEach(commands::declare);
    if (options.homeAssistantDiscovery()) {
      c.subscribe(topics.deviceCommandFilter())
          .onFailure(
              err -> LOG.warn("mqtt: cannot subscribe to the command topics: {}", reason(err)));
    }
    drain();
  }

  private void connectionLost(MqttTransport c) {
    if (client != c) {
      return;
    }
    client = null;
    if (connected) {
      LOG.warn("mqtt: connection to {}:{} lost", options.host(), options.port());
    }
    connected = false;
    queue.connectionLost();
    updateStats();
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    if (closing) {
      return;
    }
    attempt++;
    reconnects++;
    long initial = options.reconnectInitialDelayMs();
    long ceiling = Math.min(options.reconnectMaxDelayMs(), initial << Math.min(attempt - 1, 20));
    long delay = ThreadLocalRandom.current().nextLong(initial, Math.max(initial, ceiling) + 1);
    LOG.info("mqtt: reconnecting in {} ms (attempt {})", delay, attempt);
    reconnectTimer = vertx.setTimer(delay, id -> connect());
    updateStats();
  }

  private void drain() {
    MqttTransport c = client;
    while (connected && c != null) {
      OutboundQueue.Message m = queue.next();
      if (m == null) {
        break;
      }
      boolean[] written = {false};
      // The client completes the future at once (it assigns the packet id while writing).
      c.publish(m.topic(), m.payload(), m.retain())
          .onComplete(
              ar -> {
                if (ar.succeeded()) {
                  queue.sent(ar.result(), m);
                  written[0] = true;
                } else {
                  queue.unsent(m);
                }
              });
      if (!written[0]) {
        break;
      }
    }
    updateStats();
  }

  private void updateStats() {
    JsonObject now =
        new JsonObject()
            .put("connected", connected)
            .put("held", queue.held())
            .put("published", queue.acknowledgedCount())
            .put("dropped", queue.dropped())
            .put("reconnects", reconnects)
            .put("commandsAccepted", commands == null ? 0 : commands.accepted())
            .put("commandsRefused", commands == null ? 0 : commands.refused())
            .put("protocolVersion", options.protocolVersion());
    if (lastError != null) {
      now.put("lastError", lastError);
    }
    if (feed != null) {
      now.put("cursor", feed.cursor()).put("backlog", feed.backlog());
    }
    stats = now;
  }

  /** Why a connection failed, in words; an untrusted broker certificate says what to set. */
  private String reason(Throwable err) {
    for (Throwable t = err; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        Throwable root = t;
        while (root.getCause() != null) {
          root = root.getCause();
        }
        return "TLS handshake failed ("
            + root.getMessage()
            + "): the broker's certificate is not trusted; set mqtt.tls.caFile or"
            + " mqtt.tls.pinSha256 (docs/mqtt.md)";
      }
    }
    String m = err.getMessage();
    return m == null ? err.getClass().getSimpleName() : m;
  }
}
