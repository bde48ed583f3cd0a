package io.cloudbus.cli;

import io.cloudbus.core.AccessToken;
import io.cloudbus.core.TokenStore;
import io.cloudbus.simplisafe.SimpliSafeEndpoints;
import io.cloudbus.simplisafe.SimpliSafeLoginFlow;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cloudbus login simplisafe}: the PKCE login helper. SimpliSafe has no password grant any
 * more and its redirect goes to the iOS app's custom scheme, so a human signs in in a browser and
 * pastes the code (or the whole failed redirect URL) back; the refresh token lands in the token
 * store that {@code cloudbus run} reads (key {@code simplisafe/<account>}). Never prints a token.
 */
@Command(
    name = "simplisafe",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Log in to SimpliSafe (OAuth2 authorization code with PKCE) and store the refresh token.",
      "Open the printed URL in a browser and sign in. The browser then fails to open a"
          + " com.simplisafe.mobile://...callback?code=... URL: paste that URL (or just its code)"
          + " here."
    })
final class LoginSimpliSafeCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Option(
      names = "--token-store",
      paramLabel = "PATH",
      defaultValue = "tokens.json",
      description =
          "The token store file, as tokenStore.path of the run config (default: ${DEFAULT-VALUE}).")
  Path tokenStore;

  @Option(
      names = "--account",
      paramLabel = "NAME",
      defaultValue = "home",
      description = "The cloudbus account name of the run config (default: ${DEFAULT-VALUE}).")
  String account;

  @Option(
      names = "--auth-base-url",
      paramLabel = "URL",
      defaultValue = SimpliSafeEndpoints.DEFAULT_AUTH_BASE_URL,
      description =
          "SimpliSafe's Auth0 base URL (default: ${DEFAULT-VALUE}); point it at the mock cloud's"
              + " simplisafe authBaseUrl to try the flow.")
  String authBaseUrl;

  @Option(
      names = "--device-id",
      paramLabel = "UUID",
      description = "The device_id to present (default: a random UUID).")
  String deviceId;

  LoginSimpliSafeCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    if (account == null || !account.matches("[A-Za-z0-9_-]+")) {
      throw new Options.UsageError("--account: use only letters, digits, '-' and '_'");
    }
    SimpliSafeEndpoints endpoints;
    try {
      endpoints =
          new SimpliSafeEndpoints(
              authBaseUrl.replaceAll("/+$", ""),
              SimpliSafeEndpoints.DEFAULT_API_BASE_URL,
              SimpliSafeEndpoints.DEFAULT_SOCKET_URL);
    } catch (IllegalArgumentException e) {
      throw new Options.UsageError("--auth-base-url must be an absolute http(s) URL");
    }
    Vertx vertx = Vertx.vertx();
    try {
      TokenStore store = TokenStore.file(vertx, tokenStore);
      SimpliSafeLoginFlow flow =
          new SimpliSafeLoginFlow(vertx, endpoints, store, account, deviceId);
      terminal.out().println("1. Open this URL in a browser and sign in to SimpliSafe:");
      terminal.out().println();
      terminal.out().println("   " + flow.authorizeUrl());
      terminal.out().println();
      terminal
          .out()
          .println(
              "2. The browser then fails to open com.simplisafe.mobile://...callback?code=..."
                  + " (see the address bar or the developer tools' network tab).");
      terminal.out().print("   Paste that URL or its code here: ");
      terminal.out().flush();
      String input = terminal.in().readLine();
      if (input == null || input.isBlank()) {
        throw new CliFailure("login simplisafe: no code entered");
      }
      AccessToken token = Blocking.await(flow.complete(input), 60, "login simplisafe failed");
      terminal.out().println();
      terminal
          .out()
          .println(
              "Stored the refresh token of simplisafe/"
                  + account
                  + " in "
                  + tokenStore.toAbsolutePath()
                  + (token.expiresAt() == null
                      ? "."
                      : " (access token valid until " + token.expiresAt() + ")."));
      terminal
          .out()
          .println(
              "Use tokenStore: {path: "
                  + tokenStore
                  + "} and an account {adapter: simplisafe, account: "
                  + account
                  + "} in the run config.");
      return ExitCodes.OK;
    } finally {
      Blocking.close(vertx);
    }
  }
}
