package io.cloudbus.cli;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
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
      "Print the events of a running cloudbus service, one line each (time, type, vendor/account,"
          + " subject).",
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

  @Override
  public Integer call() throws Exception {
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
              event -> terminal.out().println(EventLine.format(event)),
              notice -> terminal.err().println("tail: " + notice),
              reason -> {
                fatal.set(reason);
                terminal.requestStop();
              });
      terminal.err().println("tail: following " + client.target() + " (Ctrl-C to stop)");
      client.start();
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
