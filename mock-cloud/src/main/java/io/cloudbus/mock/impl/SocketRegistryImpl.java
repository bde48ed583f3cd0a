package io.cloudbus.mock.impl;

import io.cloudbus.mock.DisconnectMode;
import io.cloudbus.mock.MockSocket;
import io.cloudbus.mock.SocketRegistry;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** {@link SocketRegistry} on a copy-on-write list: snapshots are cheap, counts are small. */
final class SocketRegistryImpl implements SocketRegistry {
  private final List<MockSocketImpl> sockets = new CopyOnWriteArrayList<>();

  void add(MockSocketImpl socket) {
    sockets.add(socket);
  }

  void remove(MockSocketImpl socket) {
    sockets.remove(socket);
  }

  List<MockSocketImpl> open() {
    return List.copyOf(sockets);
  }

  @Override
  public List<MockSocket> all() {
    return List.copyOf(sockets);
  }

  @Override
  public List<MockSocket> matching(Predicate<MockSocket> filter) {
    return sockets.stream().filter(filter).map(MockSocket.class::cast).toList();
  }

  @Override
  public int size() {
    return sockets.size();
  }

  @Override
  public int push(JsonObject event, Predicate<MockSocket> filter) {
    String text = event.encode();
    int written = 0;
    for (MockSocket socket : matching(filter)) {
      if (socket.push(text)) {
        written++;
      }
    }
    return written;
  }

  @Override
  public int disconnect(DisconnectMode mode, int code) {
    List<MockSocketImpl> snapshot = open();
    for (MockSocketImpl socket : snapshot) {
      if (mode == DisconnectMode.ABORT) {
        socket.abort();
      } else {
        socket.close(code, "");
      }
    }
    return snapshot.size();
  }
}
