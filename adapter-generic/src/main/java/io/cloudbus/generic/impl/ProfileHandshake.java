package io.cloudbus.generic.impl;

import io.cloudbus.core.CloudbusException;
import io.cloudbus.core.FailureClass;
import io.cloudbus.core.SocketSession;
import io.cloudbus.generic.VendorProfile;
import io.cloudbus.generic.VendorProfile.MessageHandshake;
import io.cloudbus.generic.VendorProfile.Step;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a profile's message handshake and subscribe steps on a freshly opened socket: the same steps
 * on every (re)connect, so subscriptions are restored by construction and nothing accumulates
 * across reconnects (each connection starts with none on the server side).
 *
 * <p>Failures: a refused token ({@code auth.handshake.failure}) is a {@link FailureClass#AUTH}
 * {@link CloudbusException} (the socket goes {@code auth_failed}, no reconnect loop); a step whose
 * reply is an error or that times out is {@code TRANSIENT}. Messages never contain the token.
 */
public final class ProfileHandshake {

  private static final Logger LOG = LoggerFactory.getLogger(ProfileHandshake.class);

  private final VendorProfile profile;
  private final ProfileCorrelation correlation;
  private final Duration timeout;

  /**
   * @param correlation the profile's correlation, or null when it has none
   * @param timeout bound on each awaited message
   */
  public ProfileHandshake(VendorProfile profile, ProfileCorrelation correlation, Duration timeout) {
    this.profile = profile;
    this.correlation = correlation;
    this.timeout = timeout;
  }

  /**
   * @param vars template variables: {@code vendor}, {@code account}, {@code config} and {@code
   *     token} (null or absent without auth)
   */
  public Future<Void> run(SocketSession session, JsonObject vars) {
    if (correlation != null) {
      correlation.startConnection();
    }
    MessageHandshake auth = profile.auth().handshake();
    Future<Void> authed =
        auth == null ? Future.succeededFuture() : authenticate(session, auth, vars);
    return authed.compose(v -> steps(session, expand(vars), 0));
  }

  private Future<Void> authenticate(SocketSession session, MessageHandshake auth, JsonObject vars) {
    String token = vars.getString("token");
    Future<JsonObject> greeting =
        auth.expect() == null
            ? Future.succeededFuture()
            : session
                .awaitMessage(auth.expect(), timeout)
                .recover(e -> Future.failedFuture(transientFailure(session, "no greeting", e)));
    return greeting.compose(
        hello -> {
          Predicate<JsonObject> outcome =
              m -> auth.success().test(m) || (auth.failure() != null && auth.failure().test(m));
          Future<JsonObject> answer = session.awaitMessage(outcome, timeout);
          // Sent at once on the greeting: Home Assistant closes sockets silent for 10 s.
          session.send(auth.send().renderObject(hello, vars));
          return answer.transform(
              ar -> {
                if (ar.failed()) {
                  return Future.failedFuture(
                      transientFailure(session, "no answer to authentication", ar.cause()));
                }
                JsonObject m = ar.result();
                if (auth.success().test(m)) {
                  LOG.debug("[{}] authenticated", session.logContext());
                  return Future.succeededFuture();
                }
                String reason =
                    auth.reason() == null ? null : auth.reason().renderString(m, new JsonObject());
                return Future.failedFuture(
                    CloudbusException.auth(
                        "["
                            + session.logContext()
                            + "] the server refused the token"
                            + (reason == null || reason.isEmpty()
                                ? ""
                                : " (" + redact(reason, token) + ")")));
              });
        });
  }

  /** The steps with {@code when}/{@code unless} applied and {@code forEach} expanded. */
  private List<Planned> expand(JsonObject vars) {
    List<Planned> out = new ArrayList<>();
    for (Step s : profile.subscribe()) {
      if (s.when() != null && !ProfileParams.truthy(ProfileParams.variable(vars, s.when()))) {
        continue;
      }
      if (s.unless() != null && ProfileParams.truthy(ProfileParams.variable(vars, s.unless()))) {
        continue;
      }
      if (s.forEach() == null) {
        out.add(new Planned(s, vars));
        continue;
      }
      Object list = ProfileParams.variable(vars, s.forEach());
      if (list instanceof JsonArray items) {
        for (Object item : items) {
          out.add(new Planned(s, vars.copy().put("item", item)));
        }
      }
    }
    return out;
  }

  private record Planned(Step step, JsonObject vars) {}

  private Future<Void> steps(SocketSession session, List<Planned> plan, int index) {
    if (index >= plan.size()) {
      return Future.succeededFuture();
    }
    Planned p = plan.get(index);
    JsonObject message = p.step().message().renderObject(null, p.vars());
    Future<JsonObject> reply;
    if (p.step().correlated()) {
      long id = correlation.nextHandshakeId();
      message.put(profile.correlation().idField(), id);
      reply = session.awaitMessage(m -> Long.valueOf(id).equals(correlation.wireId(m)), timeout);
    } else if (p.step().expect() != null) {
      reply = session.awaitMessage(p.step().expect(), timeout);
    } else {
      reply = null;
    }
    String what = "subscribe[" + index + "]";
    Future<Void> sent = session.send(message);
    Future<Void> done =
        reply == null
            ? sent
            : reply.transform(
                ar -> {
                  if (ar.failed()) {
                    return Future.failedFuture(
                        transientFailure(session, what + " got no reply", ar.cause()));
                  }
                  Throwable error =
                      correlation == null ? null : correlation.replyError(ar.result());
                  if (p.step().correlated() && error != null) {
                    return Future.failedFuture(
                        transientFailure(session, what + " refused: " + error.getMessage(), error));
                  }
                  return Future.succeededFuture();
                });
    return done.compose(v -> steps(session, plan, index + 1));
  }

  private static CloudbusException transientFailure(
      SocketSession session, String what, Throwable cause) {
    // "[vendor/account#n] ", which the status reason drops (it names the account already)
    return CloudbusException.transientFailure("[" + session.logContext() + "] " + what, cause);
  }

  private static String redact(String text, String token) {
    return token == null || token.isEmpty() ? text : text.replace(token, "***");
  }
}
