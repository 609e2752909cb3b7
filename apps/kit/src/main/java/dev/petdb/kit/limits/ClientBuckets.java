package dev.petdb.kit.limits;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket per client, kept as the one number of the generic cell rate algorithm: the time at which the
 * client's bucket would be full again ({@code full}). A request adds one interval to it and is refused when that would
 * put it more than a burst of intervals ahead of now. One map lookup and one compare-and-set per request, nothing
 * allocated for a client already seen.
 * <p>
 * Memory is bounded: at {@code maxClients} clients, buckets that are full again are dropped (a full bucket is the same
 * as none), and if that frees too little, arbitrary ones, so a spray of addresses or made-up tokens cannot grow the
 * map. Such a spray gets fresh budgets either way; what it cannot do is exhaust memory.
 */
final class ClientBuckets {
    private final ConcurrentHashMap<String, AtomicLong> buckets = new ConcurrentHashMap<>();
    private final AtomicBoolean evicting = new AtomicBoolean();
    private final long interval;
    private final long capacity;
    private final int maxClients;
    private final LongSupplier nanoClock;

    /**
     * @param perMinute  requests a minute a client may sustain, at least 1
     * @param burst      requests a client may send at once, at least 1
     * @param maxClients how many clients are remembered at most
     * @param nanoClock  the time in nanoseconds, {@code System::nanoTime}
     */
    ClientBuckets(int perMinute, int burst, int maxClients, LongSupplier nanoClock) {
        this.interval = 60_000_000_000L / perMinute;
        this.capacity = burst * interval;
        this.maxClients = maxClients;
        this.nanoClock = nanoClock;
    }

    /**
     * Takes one request from the client's bucket.
     *
     * @param client the client's key
     * @return 0 when the request may go ahead, else how many nanoseconds until it could
     */
    long take(String client) {
        long now = nanoClock.getAsLong();
        AtomicLong full = buckets.get(client);
        if (full == null) {
            if (buckets.size() >= maxClients) {
                evict(now);
            }
            full = buckets.computeIfAbsent(client, key -> new AtomicLong(now));
        }
        while (true) {
            long before = full.get();
            long after = Math.max(before, now) + interval;
            long ahead = after - now;
            if (ahead > capacity) {
                return ahead - capacity;
            }
            if (full.compareAndSet(before, after)) {
                return 0;
            }
        }
    }

    /** @return how many clients are remembered */
    int size() {
        return buckets.size();
    }

    private void evict(long now) {
        // one thread evicts; others go on meanwhile, so the map may pass the cap by the requests in flight
        if (!evicting.compareAndSet(false, true)) {
            return;
        }
        try {
            buckets.values().removeIf(full -> full.get() - now <= 0);
            int target = maxClients - maxClients / 4;
            Iterator<AtomicLong> any = buckets.values().iterator();
            while (buckets.size() > target && any.hasNext()) {
                any.next();
                any.remove();
            }
        } finally {
            evicting.set(false);
        }
    }
}
