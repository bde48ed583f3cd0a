package io.cloudbus.cli;

import static io.cloudbus.cli.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command lines and messages quoted in README.md and docs/ are what the program does: each
 * quoted block is read from the Markdown and checked against a real run (in-process, free ports).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DocumentedOutputIT {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern FENCE = Pattern.compile("(?ms)^ *```[a-z]*\\n(.*?)^ *```");

  @TempDir Path dir;

  /** The fenced blocks of a Markdown file of the repository. */
  static List<String> blocks(String file) throws IOException {
    Matcher m = FENCE.matcher(Files.readString(ROOT.resolve(file)));
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  static String block(String file, String startingWith) throws IOException {
    return blocks(file).stream()
        .filter(b -> b.startsWith(startingWith))
        .findFirst()
        .orElseThrow(() -> new AssertionError(file + " has no block starting " + startingWith));
  }

  @Test
  void everyDocumentedOptionExistsInTheHelpOfItsCommand() throws Exception {
    int synopses = 0;
    for (String file : List.of("docs/cli.md", "README.md", "docs/mock-cloud.md")) {
      for (String b : blocks(file)) {
        String first = b.lines().findFirst().orElse("");
        if (!first.matches("(\\./)?cloudbus [a-z].*\\[.*")) {
          continue;
        }
        // GIVEN a synopsis such as "cloudbus tail [--url U] ..."
        List<String> words = Arrays.asList(first.replaceFirst("^(\\./)?cloudbus ", "").split(" "));
        List<String> command = new ArrayList<>();
        for (String w : words) {
          if (!w.matches("[a-z][a-z-]*")) {
            break;
          }
          command.add(w);
        }
        command.add("--help");
        CliRun cli = new CliRun();
        assertThat(cli.execute(command.toArray(String[]::new))).as(first).isZero();
        // THEN every option it names is in that command's help
        Matcher option = Pattern.compile("--[a-z][a-z-]+").matcher(b);
        while (option.find()) {
          assertThat(cli.out()).as(file + ": " + first).contains(option.group());
        }
        synopses++;
      }
    }
    assertThat(synopses).isGreaterThanOrEqualTo(5);
  }

  @Test
  void theDocumentedUsageErrorIsWhatTheCommandPrints() throws Exception {
    String b = block("docs/cli.md", "$ cloudbus demo --prot");
    List<String> lines = b.lines().toList();
    String[] args = lines.get(0).replaceFirst("^\\$ cloudbus ", "").split(" ");
    CliRun cli = new CliRun();
    assertThat(cli.execute(args)).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).isEqualTo(String.join("\n", lines.subList(1, lines.size())) + "\n");
  }

  @Test
  void theDocumentedMockCloudArgumentErrorIsWhatItPrints() throws Exception {
    Matcher m =
        Pattern.compile("`(cloudbus mock-cloud: --port [^`]+)`")
            .matcher(Files.readString(ROOT.resolve("docs/mock-cloud.md")));
    assertThat(m.find()).isTrue();
    CliRun cli = new CliRun();
    assertThat(cli.execute("mock-cloud", "--port", "70000")).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).isEqualTo(m.group(1) + "\n");
  }

  private void assertConfigErrors(String file, String yaml) throws Exception {
    String documented = block(file, "cloudbus: configuration error:");
    Path config = dir.resolve("config.yaml");
    Files.writeString(config, yaml);
    CliRun cli = new CliRun();
    assertThat(cli.execute("run", "--config", config.toString())).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).as(file).isEqualTo(documented);
  }

  private static final String PYLIGHT =
      "  - {adapter: generic, profile: pylight, account: p, url: \"ws://127.0.0.1:1\", table: t}\n";
  private static final String BTICINO =
      "  - {adapter: bticino, account: b, username: u, password: p, clientSecret: s}\n";

  @Test
  void theDocumentedConfigurationErrorsAreWhatRunPrints() throws Exception {
    assertConfigErrors(
        "docs/cli.md",
        "service: {httpPort: 0, tcpPort: 0, limits: {maxClent: 5}}\naccounts:\n"
            + PYLIGHT
            + "  - {adapter: bticino, account: b, username: u, clientSecret: s,"
            + " password: \"${BT_PASSWORD}\"}\n");
    assertConfigErrors(
        "docs/adapters/simplisafe.md",
        "service: {httpPort: 0, tcpPort: 0}\naccounts:\n"
            + PYLIGHT
            + BTICINO
            + "  - {adapter: simplisafe, account: home, refreshToken: r,"
            + " endpoints: {socketUrl: \"http://127.0.0.1:1/socket\"}}\n");
    assertConfigErrors(
        "docs/adapters/generic.md",
        "service: {httpPort: 0, tcpPort: 0}\naccounts:\n"
            + PYLIGHT
            + "  - {adapter: generic, profile: home-assistant, account: home,"
            + " url: \"ws://127.0.0.1:1/api/websocket\"}\n");
  }

  @Test
  void theDocumentedRefusalOfAnUnauthenticatedHostIsWhatCheckPrints() throws Exception {
    String block = block("docs/cli.md", "$ cloudbus check --config open.yaml");
    String documented = block.substring(block.indexOf('\n') + 1);
    Path config = dir.resolve("open.yaml");
    Files.writeString(config, "service:\n  host: 0.0.0.0\naccounts: []\n");
    CliRun cli = new CliRun();
    assertThat(cli.execute("check", "--config", config.toString())).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).isEqualTo(documented);
  }

  /** "dashboard http://127.0.0.1:8080/" to a pattern: any port, same label and path. */
  static String urlLine(String documented) {
    return Pattern.quote(documented).replaceAll(":\\d+", "\\\\E:\\\\d+\\\\Q");
  }

  @Test
  void theDemoPrintsItsUrlsFirstAndLinesOfTheDocumentedShape() throws Exception {
    List<String> banner = block("docs/cli.md", "dashboard ").lines().toList();
    List<String> readme = block("README.md", "dashboard ").lines().toList();
    try (CliRun cli = new CliRun()) {
      // WHEN the demo runs as documented (on free ports)
      cli.start("demo", "--port", "0", "--tcp-port", "0", "--mock-port", "0", "--rate", "20");
      await()
          .atMost(PATIENT)
          .until(() -> cli.out().contains("events (Ctrl-C to stop):") || cli.exit().isDone());
      // THEN its first lines are the documented URLs, in the documented order
      List<String> out = cli.out().lines().toList();
      for (int i = 0; i < banner.size(); i++) {
        assertThat(out.get(i)).as("docs/cli.md line %d", i).matches(urlLine(banner.get(i)));
      }
      for (int i = 0; i < 5; i++) {
        assertThat(out.get(i)).as("README.md line %d", i).matches(urlLine(readme.get(i)));
      }
      // AND the event and status lines have the shape of the README's
      String eventShape =
          "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}  \\S+ +\\S+/\\S+ +\\S+";
      readme.stream()
          .filter(l -> l.matches("\\d.*"))
          .forEach(l -> assertThat(l).as("README event line").matches(eventShape));
      await().atMost(PATIENT).until(() -> cli.out().lines().anyMatch(l -> l.matches(eventShape)));
      await()
          .atMost(PATIENT)
          .until(() -> cli.out().lines().anyMatch(l -> l.equals("status  bticino/demo connected")));
      // AND each status change is printed once
      List<String> statuses = cli.out().lines().filter(l -> l.startsWith("status  ")).toList();
      assertThat(statuses).doesNotHaveDuplicates();
      assertThat(cli.stop()).isZero();
    }
  }
}
