package io.cloudbus.simplisafe;

import io.cloudbus.core.AuthHandler;
import io.cloudbus.core.DeviceRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the commands and device state of one {@link SimpliSafeSocket}: the device state is read
 * after every connect (see {@link SimpliSafeDevices} for the refresh policy) and follows the
 * socket's events. Created in {@code doStart} on the socket's context.
 *
 * @param commands the actions
 * @param devices the device state
 */
record SimpliSafeControl(SimpliSafeCommands commands, SimpliSafeDevices devices) {

  private static final Logger LOG = LoggerFactory.getLogger(SimpliSafeControl.class);

  static SimpliSafeControl start(
      SimpliSafeSocket socket,
      Vertx vertx,
      WebClient client,
      AuthHandler auth,
      SimpliSafeEndpoints endpoints,
      DeviceRegistry registry,
      Clock clock) {
    SimpliSafeControlApi api =
        new SimpliSafeControlApi(
            vertx,
            client,
            auth,
            endpoints,
            SimpliSafeControlApi.DEFAULT_COMMAND_TIMEOUT_MS,
            SimpliSafeControlApi.RETRY_BASE_DELAY_MS);
    SimpliSafeDevices devices = new SimpliSafeDevices(registry, api, clock);
    socket.onEvent(devices::onEvent);
    socket.onConnectAsync(
        () -> {
          SimpliSafeAccount account = socket.simpliSafeAccount();
          if (account == null) {
            return Future.succeededFuture();
          }
          return devices
              .refresh(account.userId())
              .recover(
                  err -> {
                    LOG.warn(
                        "[simplisafe/{}] device state not read: {}",
                        socket.account(),
                        err.getMessage());
                    return Future.succeededFuture();
                  });
        });
    return new SimpliSafeControl(new SimpliSafeCommands(api, devices), devices);
  }
}
