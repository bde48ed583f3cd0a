/**
 * Clustered cloudbus (see docs/cluster.md): Vert.x on Hazelcast with an explicit member list
 * ({@link io.cloudbus.cluster.ClusterVertx}), one owner per account through a cluster-wide lock
 * ({@link io.cloudbus.cluster.AccountOwnership}) and a cluster-shared event deduplicator ({@link
 * io.cloudbus.cluster.ClusterDeduplicator}).
 */
package io.cloudbus.cluster;
