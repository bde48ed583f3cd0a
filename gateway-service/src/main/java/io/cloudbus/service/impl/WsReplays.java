package io.cloudbus.service.impl;

import io.vertx.core.Context;
import io.vertx.core.json.JsonObject;
import java.time.Clock;

/**
 * {@code /ws} subscriptions with {@code since}: the client is subscribed to live events at once
 * (they wait in the {@link Replay}), {@code since} is resolved ({@link SinceParser}), then the
 * client gets {@code subscribed}, the replayed events oldest first, {@code
 * {"type":"replayed","count":N}}, and live events from there. A {@code since} older than what the
 * journal still holds (retention) gets an {@code io.cloudbus.stream.gap} event frame without
 * position before the replay ({@link RetentionGap}; not counted in {@code replayed}). A {@code
 * since} that names nothing gets an error frame {@code bad_since} naming it, and no subscription.
 */
final class WsReplays {

  private WsReplays() {}

  static void start(
      Context context,
      Resumes resumes,
      WsEndpoint endpoint,
      WsClient client,
      WsFilter filter,
      String since) {
    String resource = client.resource();
    if ("status".equals(resource)) {
      client.badFrame("bad_since", "since: the status resource has no journal; subscribe without");
      return;
    }
    WsFilter effective =
        "events".equals(resource) || filter.vendor() != null
            ? filter
            : new WsFilter(resource, filter.account(), filter.type());
    Replay replay = new Replay(context, resumes.journal(), effective, target(endpoint, client));
    endpoint.subscribe(client, filter);
    client.replay(replay, 0);
    resumes
        .resolve(since, effective)
        .compose(
            from -> {
              if (client.replay() != replay) {
                return io.vertx.core.Future.failedFuture("superseded");
              }
              client.send(
                  new JsonObject().put("type", "subscribed").put("filter", filter.toJson()));
              return RetentionGap.check(resumes.journal(), from, resource, Clock.systemUTC())
                  .compose(
                      gap -> {
                        if (client.replay() != replay) {
                          return io.vertx.core.Future.failedFuture("superseded");
                        }
                        if (gap != null) {
                          client.writeReplayed(WsEndpoint.frame(resource, -1, gap.encode()));
                        }
                        return replay.start(from);
                      });
            })
        .onFailure(
            e -> {
              if (client.replay() != replay) {
                return; // unsubscribed, subscribed again or closed meanwhile
              }
              endpoint.unsubscribe(client);
              if (e instanceof IllegalArgumentException) {
                client.badFrame("bad_since", e.getMessage());
              } else {
                client.sendError(
                    "replay_failed", "the journal could not be read: " + e.getMessage());
              }
            });
  }

  private static Replay.Target target(WsEndpoint endpoint, WsClient client) {
    return new Replay.Target() {
      @Override
      public boolean write(JsonObject event, long position) {
        String resource = client.resource();
        if (!"events".equals(resource) && !resource.equals(event.getValue("vendor"))) {
          return false; // as live: a vendor resource carries that vendor's events only
        }
        client.writeReplayed(WsEndpoint.frame(resource, position, event.encode()));
        return true;
      }

      @Override
      public boolean full() {
        return client.writeQueueFull();
      }

      @Override
      public void whenDrained(Runnable next) {
        client.whenDrained(next);
      }

      @Override
      public boolean gone() {
        return client.isClosed();
      }

      @Override
      public void live(int count, long lastPosition) {
        client.switchedToLive(lastPosition);
        client.send(new JsonObject().put("type", "replayed").put("count", count));
        endpoint.replayed(count);
      }
    };
  }
}
