package io.cloudbus.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * {@link AccountOwnership}'s view of the cluster's members: how many there are, who this member is,
 * and the membership and split-brain merge events. Works without Hazelcast too (one member, or the
 * cluster manager's node count). Thread-safe.
 */
final class ClusterMembership {

  private final Vertx vertx;
  private volatile HazelcastInstance hazelcast;
  private volatile Runnable removeListener = () -> {};

  ClusterMembership(Vertx vertx) {
    this.vertx = vertx;
  }

  /** The live members, this one included; 1 without a cluster manager. */
  int size() {
    HazelcastInstance hz = hazelcast;
    if (hz != null) {
      // Hazelcast's own view: up to date before any membership listener runs.
      try {
        return hz.getCluster().getMembers().size();
      } catch (RuntimeException e) {
        return 1;
      }
    }
    ClusterManager cm = ((VertxInternal) vertx).clusterManager();
    return cm == null ? 1 : cm.getNodes().size();
  }

  /** This member's Hazelcast UUID, or null without Hazelcast. */
  String localId() {
    HazelcastInstance hz = hazelcast;
    try {
      return hz == null ? null : hz.getCluster().getLocalMember().getUuid().toString();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Whether the Hazelcast member {@code uuid} is in the cluster now (false without Hazelcast). */
  boolean isMember(String uuid) {
    HazelcastInstance hz = hazelcast;
    try {
      return hz != null
          && hz.getCluster().getMembers().stream()
              .anyMatch(m -> m.getUuid().toString().equals(uuid));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Listens to the Hazelcast cluster, if any.
   *
   * @param changed called on a membership change with the UUID of the member that left, or null
   *     when one joined (on a Hazelcast thread)
   * @param merging called when Hazelcast restarts this member after a split brain
   */
  void watch(Consumer<String> changed, Runnable merging) {
    if (!(((VertxInternal) vertx).clusterManager() instanceof HazelcastClusterManager hz)
        || hz.getHazelcastInstance() == null) {
      return;
    }
    HazelcastInstance instance = hz.getHazelcastInstance();
    hazelcast = instance;
    instance
        .getLifecycleService()
        .addLifecycleListener(
            event -> {
              if (event.getState() == LifecycleEvent.LifecycleState.MERGING) {
                merging.run();
              }
            });
    UUID id =
        instance
            .getCluster()
            .addMembershipListener(
                new MembershipListener() {
                  @Override
                  public void memberAdded(MembershipEvent e) {
                    changed.accept(null);
                  }

                  @Override
                  public void memberRemoved(MembershipEvent e) {
                    changed.accept(e.getMember().getUuid().toString());
                  }
                });
    removeListener =
        () -> {
          try {
            instance.getCluster().removeMembershipListener(id);
          } catch (RuntimeException e) {
            // the instance is gone already
          }
        };
  }

  /** Stops listening to membership changes. */
  void close() {
    removeListener.run();
  }
}
