package io.cloudbus.bench;

import io.netty.util.internal.PlatformDependent;
import io.vertx.core.json.JsonObject;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

/**
 * Memory of one process at one moment, in bytes: used heap after full collections, the JDK's {@code
 * direct} buffer pool, and Netty's own direct-memory counter (buffers allocated without a cleaner,
 * which the JDK pool does not see; -1 when Netty does not count them, in which case its direct
 * buffers are in the JDK pool).
 */
record MemorySnapshot(long heapUsed, long jdkDirect, long nettyDirect) {

  /** Takes a snapshot of this JVM (blocks while collecting; never on an event loop). */
  static MemorySnapshot take() {
    long heap = Waits.usedHeapAfterGc();
    HeapHistogram.writeIfAsked();
    long jdk = 0;
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if ("direct".equals(pool.getName())) {
        jdk = pool.getMemoryUsed();
      }
    }
    return new MemorySnapshot(heap, jdk, PlatformDependent.usedDirectMemory());
  }

  /**
   * Direct memory: the larger of the two counters. They overlap: on this JDK (no {@code
   * --add-opens}) Netty allocates direct buffers with a cleaner, which the JDK pool sees too, and
   * counts them as well (both read the same here); when Netty allocates without a cleaner the JDK
   * pool misses them and Netty's counter holds nearly all of it.
   */
  long direct() {
    return Math.max(jdkDirect, nettyDirect);
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("heapUsed", heapUsed)
        .put("jdkDirect", jdkDirect)
        .put("nettyDirect", nettyDirect);
  }

  static MemorySnapshot fromJson(JsonObject json) {
    return new MemorySnapshot(
        json.getLong("heapUsed"), json.getLong("jdkDirect"), json.getLong("nettyDirect"));
  }
}
