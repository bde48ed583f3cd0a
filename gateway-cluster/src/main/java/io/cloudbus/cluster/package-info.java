/**
 * Clustered cloudbus (see docs/cluster.md): Vert.x on Hazelcast with an explicit member list
 * ({@link io.cloudbus.cluster.ClusterVertx}), one owner per account through a cluster-wide lock
 * ({@link io.cloudbus.cluster.AccountOwnership}, one {@code AccountSlot} per account, a fresh
 * socket per take), rebalancing with bounded moves when nodes join ({@code RebalancePolicy}
 * decides, {@code Handovers} runs the offer/want/handover protocol), a cluster-shared event
 * deduplicator ({@link io.cloudbus.cluster.ClusterDeduplicator}) and token store ({@link
 * io.cloudbus.cluster.ClusterTokenStore}).
 */
package io.cloudbus.cluster;
