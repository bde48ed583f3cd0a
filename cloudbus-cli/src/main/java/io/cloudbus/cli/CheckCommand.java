package io.cloudbus.cli;

import io.cloudbus.cli.config.ConfigException;
import io.cloudbus.cli.config.ConfigFile;
import io.cloudbus.cli.config.ConfigLoader;
import io.cloudbus.cli.config.GatewayConfig;
import io.cloudbus.core.AdapterProvider;
import io.cloudbus.core.TokenStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cloudbus check --config FILE}: validates a configuration exactly as {@code run} does
 * (every error at once, each account also by its adapter, every missing {@code ${ENV}} variable
 * named) and exits 0 when it is usable, 2 when it is not. Nothing is started: no server, no
 * connection, no login; the account sockets built for the adapters' own checks are never deployed.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Validate a configuration file (as run would) without starting anything: every error is"
          + " listed, each naming its field, including unset $${ENV} variables.",
      "Exit code 0: valid; 2: invalid (errors on stderr)."
    })
final class CheckCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      required = true,
      description = "The configuration file (YAML, or JSON by the .json extension).")
  Path config;

  @Option(
      names = Exposure.INSECURE_NO_AUTH,
      description =
          "Accept a non-loopback service.host with no service.tokens, as run "
              + Exposure.INSECURE_NO_AUTH
              + " does (a configuration run with it is checked with it). See docs/security.md.")
  boolean insecureNoAuth;

  CheckCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws ConfigException {
    Map<String, AdapterProvider> providers = AdapterProvider.installed();
    // Adapters build their socket to check their own fields; a plain Vertx with no server, closed
    // before returning, is all they get.
    Vertx scratchVertx = Vertx.vertx();
    try {
      TokenStore scratch = TokenStore.inMemory();
      ConfigLoader loader =
          new ConfigLoader(
              terminal.env(),
              providers,
              account ->
                  providers
                      .get(account.getString("adapter"))
                      .create(scratchVertx, account, scratch));
      ConfigFile.Loaded loaded = ConfigFile.load(config, terminal.env(), loader);
      String exposure = insecureNoAuth ? null : Exposure.problem(loaded.gateway().service());
      if (exposure != null) {
        throw new ConfigException("service.host: " + exposure);
      }
      String mqtt = loaded.mqtt() == null ? "" : "; mqtt to " + loaded.mqtt().url();
      String hooks =
          loaded.webhooks().isEmpty() ? "" : "; " + loaded.webhooks().size() + " webhook(s)";
      terminal.out().println(summary(loaded.gateway()) + mqtt + hooks);
      return ExitCodes.OK;
    } finally {
      Blocking.close(scratchVertx);
    }
  }

  /** One line: what would run (accounts by adapter and name), never a value of a field. */
  static String summary(GatewayConfig gateway) {
    StringBuilder line =
        new StringBuilder("config OK: ")
            .append(gateway.accounts().size())
            .append(gateway.accounts().size() == 1 ? " account" : " accounts");
    String sep = " (";
    for (JsonObject a : gateway.accounts()) {
      line.append(sep).append(a.getString("adapter"));
      if (a.getString("profile") != null) {
        line.append(':').append(a.getString("profile"));
      }
      line.append('/').append(a.getString("account"));
      sep = ", ";
    }
    if (!gateway.accounts().isEmpty()) {
      line.append(')');
    }
    line.append("; service on ")
        .append(gateway.service().host())
        .append(':')
        .append(gateway.service().httpPort());
    return line.toString();
  }
}
