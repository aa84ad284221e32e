package dev.keyway.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The heap of this JVM during a bench step: the highest heap in use (sampled every 10 ms, garbage
 * included) and the highest heap in use after a collection: an upper bound of what the step holds,
 * since a young collection leaves the old generation's garbage (a class histogram, which forces a
 * full collection, is the way to see the live set).
 */
final class HeapWatch {
    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakLive = new AtomicLong();

    static HeapWatch start() {
        HeapWatch w = new HeapWatch();
        java.util.Set<String> heapPools = new java.util.HashSet<>();
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                .forEach(p -> heapPools.add(p.getName()));
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, hb) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                    long live = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                            .filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
                    w.peakLive.accumulateAndGet(live, Math::max);
                }
            }, null, null);
        }
        Thread.ofPlatform().daemon().name("heap-watch").start(() -> {
            var memory = ManagementFactory.getMemoryMXBean();
            while (true) {
                w.peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
            }
        });
        return w;
    }

    void reset() {
        peakUsed.set(0);
        peakLive.set(0);
    }

    long peakUsed() {
        return peakUsed.get();
    }

    long peakLive() {
        return peakLive.get();
    }
}
