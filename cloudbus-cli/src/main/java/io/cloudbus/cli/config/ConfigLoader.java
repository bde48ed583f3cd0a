package io.cloudbus.cli.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cloudbus.core.AdapterProvider;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Loads a {@code cloudbus run} configuration: parses YAML (or JSON, by the {@code .json}
 * extension), resolves {@code ${ENV}} references, validates, and returns a {@link GatewayConfig}.
 * See docs/configuration.md for every field.
 *
 * <p>Blocking (reads a file): call it before starting Vert.x servers or on a worker thread.
 * Thread-safe.
 */
public final class ConfigLoader {

  /** Checks an account's adapter-specific fields, typically with its {@code AdapterProvider}. */
  @FunctionalInterface
  public interface AccountCheck {
    /**
     * @param account the account object, environment resolved, structure already valid
     * @throws IllegalArgumentException naming the offending field, never containing a value
     */
    void check(JsonObject account);
  }

  private final Function<String, String> env;
  private final Map<String, AdapterProvider> providers;
  private final AccountCheck accountCheck;

  /**
   * @param env environment lookup (returns null for an unset variable), e.g. {@code System::getenv}
   * @param providers the installed adapters by {@code AdapterProvider.name()} (e.g. {@link
   *     AdapterProvider#installed()}); accounts are checked against their descriptions
   * @param accountCheck checks adapter-specific account fields beyond the description
   */
  public ConfigLoader(
      Function<String, String> env,
      Map<String, AdapterProvider> providers,
      AccountCheck accountCheck) {
    this.env = env;
    this.providers = Map.copyOf(providers);
    this.accountCheck = accountCheck;
  }

  /**
   * Reads and validates {@code file}; relative paths in it resolve against its directory.
   *
   * @throws ConfigException listing every problem, each naming its field
   */
  public GatewayConfig load(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("config: file not found: " + file);
    } catch (IOException e) {
      throw new ConfigException(
          "config: cannot read " + file + ": " + e.getClass().getSimpleName());
    }
    boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    Path dir = file.toAbsolutePath().getParent();
    return parse(text, json, dir);
  }

  /**
   * Parses and validates configuration text.
   *
   * @param json true for JSON, false for YAML
   * @param baseDir directory that relative paths resolve against; null for the working directory
   * @throws ConfigException listing every problem, each naming its field
   */
  public GatewayConfig parse(String text, boolean json, Path baseDir) throws ConfigException {
    JsonObject root = toJson(text, json);
    List<String> errors = new ArrayList<>();
    new EnvResolver(env, errors).resolve(root);
    return new ConfigValidator(providers, accountCheck, baseDir).validate(root, errors);
  }

  private static JsonObject toJson(String text, boolean json) throws ConfigException {
    ObjectMapper mapper = json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    JsonNode node;
    try {
      node = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ConfigException(syntaxError(e, json));
    }
    if (node == null || node.isMissingNode() || node.isNull()) {
      throw new ConfigException("config: empty document");
    }
    if (!node.isObject()) {
      throw new ConfigException("config: the document must be an object (mapping)");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = mapper.convertValue(node, Map.class);
    return new JsonObject(map);
  }

  /** Where the syntax error is, without quoting the text (which may hold a secret). */
  private static String syntaxError(JsonProcessingException e, boolean json) {
    String what = json ? "invalid JSON" : "invalid YAML";
    String original = String.valueOf(e.getOriginalMessage());
    if (original.startsWith("Duplicate field")) {
      what = "duplicate field " + original.substring("Duplicate field ".length()).split(" ")[0];
    }
    JsonLocation loc = e.getLocation();
    if (loc == null || loc.getLineNr() < 0) {
      return "config: " + what;
    }
    return "config: " + what + " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }
}
