package io.cloudbus.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cloudbus command <vendor>/<account> <action> [key=value...]}: one command through a
 * running service's {@code POST /api/accounts/{vendor}/{account}/commands}. Prints the reply's JSON
 * on standard output; exits 0 when it is {@code ok}, 1 with {@code command: <code>: <message>} on
 * standard error otherwise, 2 for bad arguments. A value that parses as JSON (a number, {@code
 * true}, an object) is sent as such, anything else as a string.
 */
@Command(
    name = "command",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Send a command (arm, disarm, unlock, ...) to an account of a running cloudbus service.",
      "For example:",
      "  cloudbus command simplisafe/home arm_away",
      "  cloudbus command bticino/home unlock_door device=aabbcc-0002-0000000002",
      "Needs a token with the command role (--token or $CLOUDBUS_TOKEN); without either, and"
          + " without --url or with the demo's URL, it uses the running demo's token.",
    })
final class CommandCommand implements Callable<Integer> {

  private static final Pattern TARGET =
      Pattern.compile("([a-z0-9][a-z0-9_-]*)/([a-z0-9][a-z0-9_-]*)");

  /** Longer than the service's own bound on a command (30 s). */
  static final Duration HTTP_TIMEOUT = Duration.ofSeconds(40);

  private final Terminal terminal;

  @Spec CommandSpec spec;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description =
          "The service's base URL (default: the running demo's, else "
              + TailCommand.DEFAULT_URL
              + ").")
  String url;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description = "API token with the command role (default: $CLOUDBUS_TOKEN).")
  String token;

  @Parameters(index = "0", paramLabel = "VENDOR/ACCOUNT", description = "e.g. simplisafe/home")
  String target;

  @Parameters(index = "1", paramLabel = "ACTION", description = "e.g. arm_away, unlock_door")
  String action;

  @Parameters(index = "2..*", paramLabel = "KEY=VALUE", description = "arguments of the action")
  List<String> args = new ArrayList<>();

  CommandCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  /** The request body: {@code {"action":..., key: value...}}. */
  JsonObject body() {
    JsonObject body = new JsonObject().put("action", action);
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "argument '" + arg + "' is not KEY=VALUE");
      }
      body.put(arg.substring(0, eq), value(arg.substring(eq + 1)));
    }
    return body;
  }

  private static String trimSlash(String u) {
    return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
  }

  static Object value(String raw) {
    try {
      Object parsed = Json.decodeValue(raw);
      return parsed == null ? raw : parsed;
    } catch (DecodeException e) {
      return raw;
    }
  }

  @Override
  public Integer call() throws Exception {
    var m = TARGET.matcher(target);
    if (!m.matches()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "VENDOR/ACCOUNT must look like simplisafe/home, was '" + target + "'");
    }
    String t = token != null ? token : terminal.env("CLOUDBUS_TOKEN");
    String base = url == null ? null : trimSlash(url);
    if (t == null || t.isEmpty()) {
      JsonObject demo = DemoStateFile.locate(terminal::env).read();
      if (demo != null && (base == null || base.equals(trimSlash(demo.getString("url"))))) {
        base = trimSlash(demo.getString("url"));
        t = demo.getString("token");
      }
    }
    if (base == null) {
      base = TailCommand.DEFAULT_URL;
    }
    URI uri;
    try {
      uri = new URI(base + "/api/accounts/" + m.group(1) + "/" + m.group(2) + "/commands");
      if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
        throw new IllegalArgumentException();
      }
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--url must be an http(s) URL");
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(HTTP_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body().encode()));
    if (t != null && !t.isEmpty()) {
      request.header("Authorization", "Bearer " + t);
    }
    HttpResponse<String> response;
    try {
      response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .build()
              .send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new CliFailure(
          "command: cannot reach " + base + " (" + e.getClass().getSimpleName() + ")");
    }
    JsonObject reply;
    try {
      reply = new JsonObject(response.body());
    } catch (DecodeException e) {
      throw new CliFailure("command: HTTP " + response.statusCode() + " without a JSON body");
    }
    terminal.out().println(reply.encode());
    if (Boolean.TRUE.equals(reply.getValue("ok"))) {
      return ExitCodes.OK;
    }
    JsonObject error = reply.getValue("error") instanceof JsonObject e ? e : new JsonObject();
    terminal
        .err()
        .println(
            "command: "
                + error.getString("code", "HTTP " + response.statusCode())
                + ": "
                + error.getString("message", ""));
    return ExitCodes.FAILURE;
  }
}
