package io.cloudbus.cli;

import io.cloudbus.cli.config.ConfigFile;
import io.cloudbus.cli.config.ConfigLoader;
import io.cloudbus.cli.config.GatewayConfig;
import io.cloudbus.cluster.ClusterOptions;
import io.cloudbus.cluster.ClusterTokenStore;
import io.cloudbus.cluster.ClusterVertx;
import io.cloudbus.core.AdapterProvider;
import io.cloudbus.core.TokenStore;
import io.cloudbus.core.journal.EventJournal;
import io.cloudbus.mqtt.MqttOutput;
import io.cloudbus.service.ServiceOptions;
import io.cloudbus.service.ServiceVertx;
import io.cloudbus.webhooks.WebhookOutput;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cloudbus run --config FILE}: the bridge service with the configured accounts, until
 * Ctrl-C. The whole configuration is validated (each account by its adapter too) before anything
 * starts; a configuration error exits with 2.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Run the bridge service with the accounts of a configuration file (YAML, or JSON by the"
          + " .json extension; see docs/configuration.md).",
      "Secrets come from $${ENV} references. Prints the URLs first, then connection state changes"
          + " (and events with --log-events). Stop with Ctrl-C."
    })
final class RunCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin Verbosity verbosity;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      required = true,
      description = "The configuration file.")
  Path config;

  @Option(
      names = "--log-events",
      description = "Also print one line per event (as demo and tail do).")
  boolean logEvents;

  @Option(names = Exposure.INSECURE_NO_AUTH, description = Exposure.INSECURE_NO_AUTH_HELP)
  boolean insecureNoAuth;

  @Option(
      names = "--cluster",
      description =
          "Join a cluster (the config's cluster section; docs/cluster.md): each account runs on"
              + " exactly one node and moves when that node dies.")
  boolean cluster;

  RunCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  /**
   * The service options to run with: {@code --insecure-no-auth} applied; a usage error (exit 2)
   * when they would serve the network without a token.
   */
  private ServiceOptions checkExposure(ServiceOptions service) {
    if (insecureNoAuth) {
      return service.toBuilder().insecureNoAuth(true).build();
    }
    String problem = Exposure.problem(service);
    if (problem != null) {
      throw new Options.UsageError("service.host " + problem);
    }
    return service;
  }

  @Override
  public Integer call() throws Exception {
    Instant startedAt = Instant.now();
    terminal.beginLongRunning();
    Map<String, AdapterProvider> providers = AdapterProvider.installed();
    // With --cluster a plain local Vertx serves the validation only; the node runs on the
    // clustered one created once the configuration is known to be valid.
    Vertx checker = cluster ? Vertx.vertx() : ServiceVertx.create();
    Vertx vertx = checker;
    GatewayRuntime runtime = null;
    try {
      // Each account is also checked by its adapter, so that its own field errors exit with 2
      // before the service starts; the sockets created here are never deployed.
      TokenStore scratch = TokenStore.inMemory();
      ConfigLoader loader =
          new ConfigLoader(
              terminal.env(),
              providers,
              account ->
                  providers.get(account.getString("adapter")).create(checker, account, scratch));
      ConfigFile.Loaded loaded = ConfigFile.load(config, terminal.env(), loader);
      GatewayConfig gateway = loaded.gateway();
      ServiceOptions serviceOptions = checkExposure(gateway.service());
      ClusterOptions clusterOptions = null;
      if (cluster) {
        clusterOptions =
            gateway.cluster() != null ? gateway.cluster() : ClusterOptions.defaults(List.of());
        Blocking.close(checker);
        vertx =
            Blocking.await(
                ClusterVertx.create(clusterOptions),
                Blocking.START_TIMEOUT_S,
                "cannot join the cluster");
      } else if (gateway.cluster() != null) {
        terminal.err().println("run: a cluster section is only used with --cluster");
      }
      TokenStore tokens =
          gateway.tokenStorePath() == null
              ? TokenStore.inMemory()
              : TokenStore.file(vertx, gateway.tokenStorePath());
      if (cluster) {
        // An account that moves to another node keeps its tokens: no new login there.
        tokens = new ClusterTokenStore(vertx, tokens);
      }
      if (gateway.tokenStorePath() == null) {
        terminal
            .err()
            .println(
                "run: no tokenStore.path configured: refresh tokens are kept in memory only and a"
                    + " restart logs in again");
      }
      EventPrinter printer = new EventPrinter(vertx, terminal.out(), logEvents);
      // Before the accounts, so that their first status changes are published too.
      // Fed by the service's journal once it is open: what was journaled while the broker or
      // the gateway was down is published from the output's cursor (docs/mqtt.md).
      Promise<EventJournal> journal = Promise.promise();
      MqttOutput mqtt =
          loaded.mqtt() == null
              ? null
              : Mqtt.start(vertx, loaded.mqtt(), journal.future(), startedAt);
      // Without a journal the webhooks hold events in memory from now on; with one they start
      // after the service and read its journal from their cursors (new ones from startedAt).
      boolean journaled = serviceOptions.journal().enabled();
      WebhookOutput webhooks =
          journaled ? null : Webhooks.start(vertx, loaded.webhooks(), null, startedAt);
      runtime =
          Blocking.await(
              GatewayRuntime.start(
                  vertx, serviceOptions, gateway.accounts(), tokens, providers, clusterOptions),
              Blocking.START_TIMEOUT_S,
              "cannot start the service");
      journal.complete(runtime.service().journal());
      if (journaled) {
        webhooks = Webhooks.start(vertx, loaded.webhooks(), runtime.service().journal(), startedAt);
      }
      OutputMetrics outputMetrics =
          OutputMetrics.register(ServiceVertx.registryOf(vertx), mqtt, webhooks);
      Map<String, String> urls = new java.util.LinkedHashMap<>(runtime.service().urls());
      if (mqtt != null) {
        urls.put("mqtt", loaded.mqtt().url());
      }
      UrlBanner.print(terminal.out(), urls);
      printer.release();
      terminal.awaitStop();
      printer.close();
      outputMetrics.close();
      Mqtt.close(mqtt);
      Webhooks.close(webhooks);
      Blocking.await(runtime.close(), Blocking.CLOSE_TIMEOUT_S, "closing the service");
      return ExitCodes.OK;
    } finally {
      Blocking.close(vertx);
      terminal.markStopped();
    }
  }
}
