package io.cloudbus.core.impl;

import io.cloudbus.core.AuthHandler;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudbusException;
import io.vertx.core.Future;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle of the auth handler a {@link CloudSocket} owns: created from the socket's factory
 * when the socket starts (on its context), closed when it stops, so that nothing of an undeployed
 * account keeps talking to the vendor.
 */
public final class OwnedAuth {

  private static final Logger LOG = LoggerFactory.getLogger(CloudSocket.class);

  private OwnedAuth() {}

  /**
   * @param factory the socket's auth factory, or null for a socket without authentication
   * @param label {@code vendor/account}, for the message
   * @return the new handler, or null when {@code factory} is null
   * @throws CloudbusException ({@code CONFIGURATION}) when the factory throws or returns null
   */
  public static AuthHandler create(Supplier<? extends AuthHandler> factory, String label) {
    if (factory == null) {
      return null;
    }
    try {
      return Objects.requireNonNull(factory.get(), "the auth factory returned null");
    } catch (RuntimeException e) {
      throw CloudbusException.configuration(
          "[" + label + "] cannot create the auth handler: " + e.getMessage());
    }
  }

  /**
   * Closes {@code auth} (null: nothing); a failure to close is logged, never thrown.
   *
   * @return always succeeded
   */
  public static Future<Void> close(AuthHandler auth, String label) {
    if (auth != null) {
      try {
        auth.close();
      } catch (RuntimeException e) {
        LOG.warn("[{}] closing the auth handler failed: {}", label, e.toString());
      }
    }
    return Future.succeededFuture();
  }
}
