package io.cloudbus.cli;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cloudbus tail}: prints the events of a running service, one line each, until Ctrl-C. */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Print the events of a running cloudbus service, one line each (date and time, type,"
          + " vendor/account, subject), or one JSON object each with --json.",
      "Connects to /ws/events and reconnects when the service restarts. Stop with Ctrl-C."
    })
final class TailCommand implements Callable<Integer> {

  static final String DEFAULT_URL = "http://127.0.0.1:8080";

  private final Terminal terminal;

  @Spec CommandSpec spec;

  @Option(
      names = "--url",
      paramLabel = "URL",
      defaultValue = DEFAULT_URL,
      description = "The service's base URL (default: ${DEFAULT-VALUE}).")
  String url;

  @Option(
      names = "--type",
      paramLabel = "PREFIX",
      description =
          "Only events whose type starts with PREFIX, e.g. alarm. or io.cloudbus.doorbell")
  String type;

  @Option(names = "--vendor", paramLabel = "VENDOR", description = "Only this vendor's events.")
  String vendor;

  @Option(names = "--account", paramLabel = "ACCOUNT", description = "Only this account's events.")
  String account;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description = "API token with the read role (default: $CLOUDBUS_TOKEN).")
  String token;

  @Option(
      names = "--json",
      description = "Print each event as one line of CloudEvent JSON (data included).")
  boolean json;

  @Option(
      names = "--last",
      paramLabel = "N",
      description = "First print the last N events the service holds (1..1000), then follow.")
  Integer last;

  @Option(
      names = "--since",
      paramLabel = "D|TIME|ID",
      description =
          "Replay from a duration back (90s, 10m, 2h, 7d), an RFC 3339 time or an event id, then"
              + " follow (needs a service with the journal).")
  String since;

  private final Set<String> printed =
      Collections.newSetFromMap(
          new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > 2 * TailHistory.MAX_LAST;
            }
          });

  TailCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  /** The subscribe filter; a type without the {@code io.cloudbus.} prefix gets it. */
  JsonObject filter() {
    JsonObject filter = new JsonObject();
    if (type != null && !type.isBlank()) {
      filter.put("type", type.startsWith("io.cloudbus.") ? type : "io.cloudbus." + type);
    }
    if (vendor != null) {
      filter.put("vendor", vendor);
    }
    if (account != null) {
      filter.put("account", account);
    }
    return filter;
  }

  /** Prints one event, once: replay, history and live may overlap. */
  private void print(JsonObject event) {
    String key = event.getValue("source") + " " + event.getValue("id");
    synchronized (printed) {
      if (event.getValue("id") != null && !printed.add(key)) {
        return;
      }
    }
    terminal.out().println(json ? event.encode() : EventLine.format(event));
  }

  @Override
  public Integer call() throws Exception {
    if (last != null && (last < 1 || last > TailHistory.MAX_LAST)) {
      throw new Options.UsageError("--last must be between 1 and " + TailHistory.MAX_LAST);
    }
    if (last != null && since != null) {
      // the history and the replay would overlap: an event would be printed twice
      throw new Options.UsageError(
          "--last and --since cannot be combined: --since replays every event from then,"
              + " --last prints the newest N; choose one");
    }
    String from = since == null ? null : TailSince.resolve(since, Clock.systemUTC());
    terminal.beginLongRunning();
    URI uri;
    try {
      uri = new URI(url);
      TailClient.connectOptions(uri, null);
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--url must be an absolute http(s) or ws(s) URL");
    }
    String t = token != null ? token : terminal.env("CLOUDBUS_TOKEN");
    AtomicReference<String> fatal = new AtomicReference<>();
    Vertx vertx = Vertx.vertx();
    try {
      TailClient client =
          new TailClient(
              vertx,
              uri,
              t,
              filter(),
              this::print,
              notice -> terminal.err().println("tail: " + notice),
              reason -> {
                fatal.set(reason);
                terminal.requestStop();
              });
      if (last != null) {
        WebSocketConnectOptions target = TailClient.connectOptions(uri, null);
        List<JsonObject> history =
            Blocking.await(
                TailHistory.fetch(
                    vertx,
                    target.getHost(),
                    target.getPort(),
                    Boolean.TRUE.equals(target.isSsl()),
                    t,
                    TailHistory.path(last, filter())),
                Blocking.START_TIMEOUT_S,
                "tail --last");
        history.forEach(this::print);
        if (from == null && !history.isEmpty()) {
          // events sent between the history and the subscription: a journal replays them
          from = history.get(history.size() - 1).getString("id");
        }
      }
      terminal.err().println("tail: following " + client.target() + " (Ctrl-C to stop)");
      client.since(from).start();
      terminal.awaitStop();
      client.stop();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      terminal.markStopped();
    }
    if (fatal.get() != null) {
      throw new CliFailure("tail: " + fatal.get());
    }
    return ExitCodes.OK;
  }
}
