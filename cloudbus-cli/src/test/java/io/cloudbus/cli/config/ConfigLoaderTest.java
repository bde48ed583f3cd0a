package io.cloudbus.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudbus.core.AdapterProvider;
import io.cloudbus.service.ApiToken;
import io.cloudbus.service.Role;
import io.cloudbus.service.ServiceOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private final Map<String, String> env = new HashMap<>();
  private final List<JsonObject> checked = new ArrayList<>();

  /**
   * The installed adapters' descriptions; the adapters' own check (after the description's) is
   * stood in for: it refuses a bticino password "wrong".
   */
  private final ConfigLoader loader =
      new ConfigLoader(
          env::get,
          AdapterProvider.installed(),
          account -> {
            checked.add(account);
            if (account.getString("adapter").equals("bticino")
                && "wrong".equals(account.getString("password"))) {
              throw new IllegalArgumentException("password: refused by the adapter");
            }
          });

  @TempDir Path dir;

  private GatewayConfig yaml(String text) throws ConfigException {
    return loader.parse(text, false, dir);
  }

  private List<String> errorsOf(String text, boolean json) {
    try {
      loader.parse(text, json, dir);
    } catch (ConfigException e) {
      return e.errors();
    }
    throw new AssertionError("expected a ConfigException");
  }

  @Test
  void yamlWithEveryFieldLoads() throws Exception {
    // GIVEN
    Files.writeString(dir.resolve("cert.pem"), "x");
    Files.writeString(dir.resolve("key.pem"), "x");
    env.put("BT_PASSWORD", "s3cret");
    String text =
        """
        service:
          host: 127.0.0.1
          httpPort: 8081
          tcpPort: ${TCP_PORT:-7001}
          tokens:
            - {token: abc, roles: [command], name: admin}
            - token: def
            - tokenSha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
          tls: {certPath: cert.pem, keyPath: key.pem}
          limits: {maxClients: 10, bridgePingTimeoutMs: 20000}
        tokenStore: {path: tokens.json}
        accounts:
          - adapter: bticino
            account: home
            username: me@example.com
            password: ${BT_PASSWORD}
            clientSecret: cs
            endpoints: {apiBaseUrl: "http://127.0.0.1:9000/bticino"}
            socket: {reconnectInitialDelayMs: 500, reconnectMaxDelayMs: "5000"}
        """;

    // WHEN
    GatewayConfig config = yaml(text);

    // THEN
    assertThat(config.service().host()).isEqualTo("127.0.0.1");
    assertThat(config.service().httpPort()).isEqualTo(8081);
    assertThat(config.service().tcpPort()).isEqualTo(7001);
    assertThat(config.service().tokens()).hasSize(3);
    assertThat(config.service().tokens().get(0).roles())
        .containsExactlyInAnyOrder(Role.READ, Role.COMMAND);
    assertThat(config.service().tokens().get(0).name()).isEqualTo("admin");
    assertThat(config.service().tokens().get(1).roles()).containsExactly(Role.READ);
    assertThat(config.service().tokens().get(2).matches(ApiToken.sha256("test"))).isTrue();
    assertThat(config.service().tokens().get(1).matches(ApiToken.sha256("def"))).isTrue();
    assertThat(config.toString()).doesNotContain("abc").doesNotContain("s3cret");
    assertThat(config.service().tlsCertPath()).isEqualTo(dir.resolve("cert.pem").toString());
    assertThat(config.service().maxClients()).isEqualTo(10);
    assertThat(config.service().bridgePingTimeoutMs()).isEqualTo(20_000L);
    assertThat(config.tokenStorePath()).isEqualTo(dir.resolve("tokens.json"));
    JsonObject account = config.accounts().get(0);
    assertThat(account.getString("password")).isEqualTo("s3cret");
    assertThat(account.getJsonObject("socket").getLong("reconnectMaxDelayMs")).isEqualTo(5000L);
    assertThat(checked).hasSize(1);
  }

  @Test
  void jsonLoadsWithDefaults() throws Exception {
    GatewayConfig config =
        loader.parse("{\"accounts\":[{\"adapter\":\"simplisafe\",\"account\":\"a\"}]}", true, null);

    assertThat(config.service().host()).isEqualTo(ServiceOptions.DEFAULT_HOST);
    assertThat(config.service().httpPort()).isEqualTo(8080);
    assertThat(config.service().tcpPort()).isEqualTo(7000);
    assertThat(config.service().tokens()).isEmpty();
    assertThat(config.service().tlsEnabled()).isFalse();
    assertThat(config.tokenStorePath()).isNull();
    assertThat(config.accounts()).hasSize(1);
  }

  @Test
  void fileIsReadByExtension(@TempDir Path other) throws Exception {
    Path json = other.resolve("gw.json");
    Files.writeString(json, "{\"service\":{\"httpPort\":0}}");
    assertThat(loader.load(json).service().httpPort()).isZero();
    Path missing = other.resolve("missing.yaml");
    assertThatThrownBy(() -> loader.load(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("file not found");
  }

  @Test
  void envDefaultsAndEscapes() throws Exception {
    env.put("EMPTY", "");
    GatewayConfig config =
        yaml(
            """
            service: {host: "${HOST:-localhost}"}
            accounts:
              - {adapter: generic, profile: pylight, account: a, url: "$${NOT_A_REF}",
                 table: "${EMPTY:-fallback}"}
            """);
    assertThat(config.service().host()).isEqualTo("localhost");
    assertThat(config.accounts().get(0).getString("url")).isEqualTo("${NOT_A_REF}");
    assertThat(config.accounts().get(0).getString("table")).isEqualTo("fallback");
  }

  @Test
  void missingEnvNamesFieldAndVariable() {
    List<String> errors =
        errorsOf(
            "accounts:\n  - {adapter: bticino, account: a, username: u, password: \"${BT_PW}\","
                + " clientSecret: s}\n",
            false);
    assertThat(errors)
        .containsExactly("accounts[0].password: environment variable BT_PW is not set");
  }

  @Test
  void everyValidationErrorNamesItsField() {
    List<String> errors =
        errorsOf(
            """
            service:
              httpPort: 70000
              tcpPort: seven
              tokens:
                - {roles: [admin]}
              tls: {certPath: nope.pem}
              limits: {maxClients: 0, bogus: 1}
            tokenStore: {path: [1]}
            accounts:
              - {adapter: simplisafe}
              - {adapter: nosuch, account: "a b"}
              - {adapter: bticino, account: x, endpoints: {socketUrl: "not a url"}}
              - {adapter: generic, account: y, socket: {reconnectInitialDelayMs: 0}}
              - {adapter: generic, account: z, socket: {reconnectInitialDelayMs: 10, reconnectMaxDelayMs: 5}}
              - {adapter: generic, account: z}
              - 42
            """,
            false);
    assertThat(errors)
        .contains(
            "service.httpPort: must be between 0 and 65535",
            "service.tcpPort: expected an integer",
            "service.tokens[0].token: required (or tokenSha256, not both)",
            "service.tokens[0].roles[0]: unknown role (use read or command)",
            "service.tls.certPath: file not found or not readable",
            "service.tls.keyPath: required",
            "service.limits.maxClients: must be between 1 and 1000000",
            "service.limits.bogus: unknown field",
            "tokenStore.path: expected a string",
            "accounts[0].account: required",
            "accounts[1].account: use only letters, digits, '-' and '_' (it is part of bus"
                + " addresses)",
            "accounts[2].endpoints.socketUrl: expected an absolute ws(s) URL",
            "accounts[2].clientSecret: required",
            "accounts[3].socket.reconnectInitialDelayMs: must be between 1 and 3600000",
            "accounts[4].socket.reconnectMaxDelayMs: must be >= reconnectInitialDelayMs",
            "accounts[5].account: duplicate account for this adapter",
            "accounts[6]: expected an object");
    assertThat(errors).anyMatch(e -> e.startsWith("accounts[1].adapter: unknown adapter"));
  }

  @Test
  void listeningPortsThatClashAreErrorsNamingBothFields() {
    List<String> errors =
        errorsOf(
            """
            service: {httpPort: 8080, tcpPort: 8080}
            cluster: {port: 7000, eventBusPort: 8080}
            """,
            false);
    assertThat(errors)
        .containsExactly(
            "service.tcpPort: 8080 is also service.httpPort; every listening port must be"
                + " different",
            "cluster.eventBusPort: 8080 is also service.httpPort; every listening port must be"
                + " different");
    // 0 (any free port) and -1 (off) never clash
    assertThat(errorsOrNone("service: {httpPort: 0, tcpPort: 0}\n")).isEmpty();
    assertThat(errorsOrNone("service: {httpPort: 7000, tcpPort: -1}\ncluster: {port: 7001}\n"))
        .isEmpty();
    assertThat(errorsOrNone("service: {httpPort: 9000, tcpPort: 9001}\ncluster: {port: 9001}\n"))
        .containsExactly(
            "cluster.port: 9001 is also service.tcpPort; every listening port must be different");
  }

  @Test
  void theTokenStorePathMustBeWritableAtValidation() throws Exception {
    Files.createDirectory(dir.resolve("adir"));
    assertThat(errorsOrNone("tokenStore: {path: missing/tokens.json}\n"))
        .containsExactly("tokenStore.path: the directory does not exist");
    assertThat(errorsOrNone("tokenStore: {path: adir}\n"))
        .containsExactly("tokenStore.path: is a directory; expected a file name");
    assertThat(errorsOrNone("tokenStore: {path: tokens.json}\n")).isEmpty();
  }

  @Test
  void theJournalDirectoryMustBeUsableAtValidationWithoutBeingCreated() throws Exception {
    Files.writeString(dir.resolve("afile"), "x");
    Files.createDirectories(dir.resolve("store"));
    Files.writeString(dir.resolve("store").resolve("data"), "x");
    String cannot =
        "journal.path: the directory does not exist and cannot be created (its nearest existing"
            + " parent is not a writable directory)";
    assertThat(errorsOrNone("journal: {path: afile/journal}\n")).containsExactly(cannot);
    assertThat(errorsOrNone("journal: {path: afile}\n"))
        .containsExactly("journal.path: is not a directory");
    // the default, data/ beside the token store, is checked too and said to be the default
    assertThat(errorsOrNone("tokenStore: {path: store/tokens.json}\n"))
        .containsExactly(
            "journal.path: is not a directory (the default: data/ beside the token store or"
                + " config file)");
    // a journal that is off is not checked; a missing directory that can be made passes, unmade
    assertThat(errorsOrNone("journal: {enabled: false, path: afile}\n")).isEmpty();
    assertThat(errorsOrNone("journal: {path: new/deeper/journal}\n")).isEmpty();
    assertThat(dir.resolve("new")).doesNotExist();
  }

  @Test
  void eachFieldIsReportedOnceAndAnOutOfRangeLimitHasNoStrayServiceLine() {
    env.clear();
    List<String> errors =
        errorsOf(
            """
            service:
              limits: {maxFrameBytes: 0}
            accounts:
              - {adapter: bticino, account: x, username: u, password: "${UNSET_PASSWORD}",
                 clientSecret: s}
              - {adapter: generic, profile: pylight, account: y, url: "http://h", table: t,
                 socket: {maxFrameBytes: 1, trafficCooldownMs: 0}}
            """,
            false);
    assertThat(errors)
        .containsExactlyInAnyOrder(
            "service.limits.maxFrameBytes: must be between 256 and 67108864",
            "accounts[0].password: environment variable UNSET_PASSWORD is not set",
            "accounts[1].socket.maxFrameBytes: must be between 256 and 67108864",
            "accounts[1].socket.trafficCooldownMs: must be between 1 and 86400000");
  }

  @Test
  void aPerAccountCommandRateThatCouldTripAnAccountsTrafficGuardIsRefused() {
    assertThat(
            errorsOrNone(
                """
                service: {limits: {commandsPerMinutePerAccount: 600}}
                accounts:
                  - {adapter: generic, profile: pylight, account: y, url: "http://h", table: t,
                     socket: {trafficWarnPerSec: 20, trafficTripPerSec: 40}}
                """))
        .containsExactly(
            "service.limits.commandsPerMinutePerAccount: 600 could trip the traffic guard of"
                + " accounts[0] (socket.trafficWarnPerSec 20 over socket.trafficWindowMs 5000);"
                + " lower it or raise the account's traffic limits");
    assertThat(errorsOrNone("service: {limits: {commandsPerMinutePerAccount: 1201}}\n"))
        .containsExactly("service.limits.commandsPerMinutePerAccount: must be between 1 and 1200");
  }

  @Test
  void aCommandTokenMayBeLimitedToSomeActionsAndOpenReadsIsNotAConfigKey() throws Exception {
    // GIVEN a door-panel token limited to the door lock
    GatewayConfig config =
        yaml(
            """
            service:
              tokens:
                - {name: door, token: d00r, roles: [command], commands: [unlock_door, lock_door]}
                - {name: all, token: a11, roles: [command]}
            """);
    // THEN its list is kept, in order; a token without one may send every action
    var door = config.service().tokens().get(0);
    assertThat(door.commands()).containsExactly("unlock_door", "lock_door");
    assertThat(door.allowsAction("unlock_door")).isTrue();
    assertThat(door.allowsAction("light_on")).isFalse();
    assertThat(config.service().tokens().get(1).commands()).isNull();
    // AND a bad name, a list on a read token, and the demo's openReads are errors naming the field
    assertThat(
            errorsOf(
                """
                service:
                  openReads: true
                  tokens:
                    - {token: x, roles: [command], commands: [Unlock-Door]}
                    - {token: y, roles: [read], commands: [disarm]}
                """,
                false))
        .containsExactlyInAnyOrder(
            "service.openReads: unknown field",
            "service.tokens[0].commands[0]: expected an action name such as disarm or unlock_door",
            "service.tokens[1].commands: only for a token with the command role");
  }

  private List<String> errorsOrNone(String yaml) {
    try {
      loader.parse(yaml, false, dir);
      return List.of();
    } catch (ConfigException e) {
      return e.errors();
    }
  }

  @Test
  void adapterCheckErrorsArePrefixedWithTheAccount() {
    List<String> errors =
        errorsOf(
            "accounts:\n  - {adapter: simplisafe, account: a}\n"
                + "  - {adapter: bticino, account: b, username: u, password: wrong,"
                + " clientSecret: s}\n",
            false);
    assertThat(errors).containsExactly("accounts[1].password: refused by the adapter");
  }

  @Test
  void unknownFieldsAreRejectedWithTheirName() {
    List<String> errors =
        errorsOf(
            "{\"servce\":{},\"service\":{\"htpPort\":1,\"tls\":{\"certPath\":\"c\",\"keyPath\":\"k\","
                + "\"pass\":\"x\"}},\"tokenStore\":{\"file\":\"x\"},"
                + "\"accounts\":[{\"adapter\":\"generic\",\"account\":\"a\","
                + "\"socket\":{\"retries\":3}}]}",
            true);
    assertThat(errors)
        .contains(
            "servce: unknown field",
            "service.htpPort: unknown field",
            "service.tls.pass: unknown field",
            "tokenStore.file: unknown field",
            "accounts[0].socket.retries: unknown field");
  }

  @Test
  void secretsAreNeverEchoed() {
    env.put("SECRET", "hunter2-secret");
    List<String> errors =
        errorsOf(
            """
            service:
              httpPort: hunter2-secret
              tokens: [{token: "${SECRET}", roles: ["${SECRET}"]}]
            accounts:
              - {adapter: "${SECRET}", account: "${SECRET}!"}
            """,
            false);
    assertThat(errors).isNotEmpty().noneMatch(e -> e.contains("hunter2"));
  }

  @Test
  void syntaxErrorsGiveTheLocationOnly() {
    assertThat(errorsOf("service:\n  host: [unclosed hunter2\n", false))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e).startsWith("config: invalid YAML at line").doesNotContain("hunter2"));
    assertThat(errorsOf("{\"a\": hunter2}", true))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e).startsWith("config: invalid JSON at line").doesNotContain("hunter2"));
    assertThat(errorsOf("{\"service\":{},\"service\":{}}", true))
        .singleElement()
        .satisfies(e -> assertThat(e).startsWith("config: duplicate field 'service' at line 1"));
    assertThat(errorsOf("- a\n- b\n", false))
        .containsExactly("config: the document must be an object (mapping)");
    assertThat(errorsOf("", false)).containsExactly("config: empty document");
  }

  @Test
  void malformedReferenceIsAnError() {
    assertThat(errorsOf("service: {host: \"${1BAD}\"}\n", false))
        .containsExactly(
            "service.host: malformed environment reference (use ${NAME} or ${NAME:-default})");
  }

  @Test
  void adapterFieldsAreCheckedByName() {
    List<String> errors =
        errorsOf(
            """
            accounts:
              - {adapter: bticino, account: a, username: u, password: p, clientSecret: s, pasword: p,
                 endpoints: {apiBase: "http://x"}, socket: {catchUpSize: 5, silenceTimeoutMs: 9}}
              - {adapter: simplisafe, account: b, refreshTokn: x, socket: {catchUpSize: 5}}
              - {adapter: generic, profile: home-assistant, account: c, url: "http://h", token: t,
                 tokn: t}
            """,
            false);
    assertThat(errors)
        .containsExactlyInAnyOrder(
            "accounts[0].pasword: unknown field",
            "accounts[0].endpoints.apiBase: unknown field",
            "accounts[1].refreshTokn: unknown field",
            "accounts[1].socket.catchUpSize: unknown field",
            "accounts[2].tokn: unknown field");
  }

  @Test
  void tcpBridgeCanBeDisabledAndPortsComeFromEnv() throws Exception {
    env.put("HTTP_PORT", "9090");
    GatewayConfig config = yaml("service: {httpPort: \"${HTTP_PORT}\", tcpPort: -1}\n");
    assertThat(config.service().httpPort()).isEqualTo(9090);
    assertThat(config.service().tcpPort()).isEqualTo(-1);
  }
}
