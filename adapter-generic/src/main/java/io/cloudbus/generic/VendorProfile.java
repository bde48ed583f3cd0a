package io.cloudbus.generic;

import io.cloudbus.generic.impl.JsonPointer;
import io.cloudbus.generic.impl.JsonTemplate;
import io.cloudbus.generic.impl.Matcher;
import io.cloudbus.generic.impl.ProfileParser;
import io.cloudbus.generic.impl.Template;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything the {@link GenericCloudSocket} knows about one vendor's push socket: URL, auth, what
 * to send after every (re)connect, keepalive, request/reply correlation, how received frames map to
 * normalized events, and named commands. Written as a YAML or JSON file (see
 * docs/adapters/generic.md for every field); the shipped ones are the resources {@code
 * profiles/home-assistant.yaml} and {@code profiles/pylight.yaml}.
 *
 * <p>Immutable and thread-safe. Validated completely when loaded: a bad profile never reaches a
 * socket. Template variables: {@code token}, {@code vendor}, {@code account}, {@code item} (inside
 * {@code forEach}) and {@code config.<param>} (a declared {@link Param}).
 */
public record VendorProfile(
    String source,
    String vendor,
    String description,
    Map<String, Param> params,
    Template url,
    Map<String, Template> headers,
    Auth auth,
    List<Step> subscribe,
    Keepalive keepalive,
    Correlation correlation,
    List<Ignore> ignore,
    List<Rule> mapping,
    Rule unmatched,
    Map<String, Command> commands,
    Dedup dedup,
    io.vertx.core.json.JsonObject socket) {

  /** Defaults of the accounts' {@code socket} options (profile key {@code socket}); a copy. */
  @Override
  public io.vertx.core.json.JsonObject socket() {
    return socket.copy();
  }

  /**
   * What a frame whose rule renders no {@code id} is identified by (profile key {@code dedup}).
   * {@link #CONTENT} (the default): a hash of its content ({@code hashOf}), so that a
   * retransmission is dropped, for clouds whose protocol retransmits identical frames. {@link
   * #NONE}: every received frame is a distinct event, its id the connection's epoch plus the
   * frame's sequence number (never repeating), for clouds like Pylight that send identical frames
   * for distinct changes.
   */
  public enum Dedup {
    CONTENT,
    NONE
  }

  private static final Map<String, VendorProfile> SHIPPED_PARSED = new ConcurrentHashMap<>();

  /** An account-config field the profile reads ({@code ${config.<name>}}). */
  public record Param(
      String name, ParamType type, boolean required, boolean secret, Object defaultValue) {}

  /** The JSON type of a {@link Param}. */
  public enum ParamType {
    STRING,
    LIST,
    BOOLEAN,
    NUMBER
  }

  /** Where the socket's token comes from. */
  public enum TokenSource {
    /** No token at all. */
    NONE,
    /** A long-lived token from the account config ({@link Auth#tokenParam()}). */
    STATIC,
    /** An OAuth2 grant ({@link OAuth2}). */
    OAUTH2
  }

  /**
   * Authentication: where the token comes from and how it is presented (an HTTP header on the
   * upgrade, a message exchange after open, or both).
   *
   * @param header value of the {@code Authorization} header, e.g. {@code Bearer ${token}}; null
   * @param handshake the message exchange; null when none
   */
  public record Auth(
      TokenSource token,
      String tokenParam,
      OAuth2 oauth2,
      Template header,
      MessageHandshake handshake) {}

  /**
   * An OAuth2 token grant ({@code password} or {@code client_credentials}); templates on config.
   */
  public record OAuth2(
      String grant,
      Template tokenUrl,
      Template clientId,
      Template clientSecret,
      Template username,
      Template password,
      Template scope) {}

  /**
   * A message handshake: wait for {@code expect} (if set), send {@code send}, then {@code success}
   * means authenticated and {@code failure} means the token was refused (class AUTH: no reconnect
   * loop).
   */
  public record MessageHandshake(
      Matcher expect, JsonTemplate send, Matcher success, Matcher failure, Template reason) {}

  /**
   * One message sent after every (re)connect, once the auth handshake succeeded.
   *
   * @param correlated stamp an id and wait for the correlated reply (an error reply fails the
   *     connection attempt)
   * @param expect else, when set, wait for a message matching it
   * @param forEach a list variable ({@code config.eventTypes}): one message per item ({@code
   *     ${item}}); an empty list sends none
   * @param when send only when this variable is truthy (non-empty, not false); null = always
   * @param unless send only when this variable is not truthy; null = always
   */
  public record Step(
      JsonTemplate message,
      boolean correlated,
      Matcher expect,
      String forEach,
      String when,
      String unless) {}

  /** Keepalive kind. */
  public enum KeepaliveMode {
    NONE,
    FRAMES,
    MESSAGE
  }

  /**
   * Keepalive: WebSocket ping frames, an application ping message with its reply, or none.
   *
   * @param intervalMs ping interval
   * @param timeoutMs for {@code MESSAGE}: no reply within it means a dead socket; for {@code
   *     FRAMES}: silence longer than it means a dead socket
   */
  public record Keepalive(
      KeepaliveMode mode, long intervalMs, long timeoutMs, JsonTemplate message, Matcher reply) {}

  /**
   * Request/reply correlation: {@code idField} is stamped with an id that increases per connection;
   * {@code reply} recognizes replies; {@code error} extracts a failure from a reply.
   */
  public record Correlation(String idField, Matcher reply, ErrorRule error) {}

  /** A reply is an error when {@code when} matches; code and message are read by templates. */
  public record ErrorRule(Matcher when, Template code, Template message) {}

  /** Frames that are neither events nor replies (e.g. Pylight's echo), logged at DEBUG only. */
  public record Ignore(Matcher match, String reason) {}

  /**
   * A mapping rule: the first rule whose {@code match} holds turns the frame into one event.
   *
   * @param id template of the vendor's event id; when null or rendering empty, the id is a hash of
   *     the value at {@code hashOf} (the whole frame by default)
   * @param data normalized data fields ({@code raw}, the frame, is always added)
   */
  public record Rule(
      Matcher match,
      String name,
      Template id,
      JsonPointer hashOf,
      Template subject,
      Template time,
      Template vendorType,
      JsonTemplate data) {}

  /**
   * A named command, reachable as {@code {"action":"<name>", ...}} on the command address: {@code
   * message} is rendered against the command JSON and sent with correlation.
   *
   * @param required pointers into the command that must be present
   */
  public record Command(String name, JsonTemplate message, List<JsonPointer> required) {}

  /**
   * Loads a shipped profile by name ({@code home-assistant}) or else a profile file by path.
   *
   * @throws IllegalArgumentException when unreadable or invalid; the message names the source, the
   *     field path and the problem
   */
  public static VendorProfile load(String nameOrPath) {
    if (isShipped(nameOrPath)) {
      // parsed once per JVM and shared: a profile is immutable, and a parsed one is about 13 KB
      // of heap, a third of each idle socket when every account parsed its own (bench, third
      // round). Profile files are read at every load, so an edited file is picked up.
      return SHIPPED_PARSED.computeIfAbsent(nameOrPath, name -> fromResource(resource(name)));
    }
    Path path = Path.of(nameOrPath);
    try {
      return parse(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          nameOrPath + ": cannot read profile (not a shipped profile either): " + e, e);
    }
  }

  /**
   * Whether {@code name} is a profile shipped with the adapter (the resource {@code
   * profiles/<name>.yaml}); the generic adapter's description lists them.
   */
  public static boolean isShipped(String name) {
    return name != null
        && name.matches("[a-z0-9][a-z0-9-]*")
        && VendorProfile.class.getClassLoader().getResource(resource(name)) != null;
  }

  private static String resource(String name) {
    return "profiles/" + name + ".yaml";
  }

  /** Loads a profile from the class path (e.g. a test resource). */
  public static VendorProfile fromResource(String resource) {
    ClassLoader loader = VendorProfile.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(resource + ": no such profile resource");
      }
      return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException(resource + ": cannot read profile: " + e, e);
    }
  }

  /**
   * Parses and validates a profile text (YAML or JSON).
   *
   * @param source names the profile in error messages, e.g. {@code profiles/foo.yaml}
   */
  public static VendorProfile parse(String source, String text) {
    return ProfileParser.parse(source, text);
  }
}
