package dev.petdb.kit.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * The token buckets on a clock the test moves: refills, the wait a refused request is told, and the cap on remembered
 * clients.
 */
class ClientBucketsTest {
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

    @Test
    void aBurstIsAllowedThenOneRequestPerIntervalAsTheBucketRefills() {
        ClientBuckets buckets = new ClientBuckets(60, 3, 100, clock::get);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, buckets.take("a"));
        }
        assertEquals(SECOND, buckets.take("a"), "one request a second: the next in a second");
        clock.addAndGet(SECOND / 4);
        assertEquals(3 * SECOND / 4, buckets.take("a"), "a refused request takes nothing");
        clock.addAndGet(3 * SECOND / 4);
        assertEquals(0, buckets.take("a"));
        assertEquals(SECOND, buckets.take("a"));

        clock.addAndGet(10 * SECOND);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, buckets.take("a"), "refilled to the burst, not beyond");
        }
        assertTrue(buckets.take("a") > 0);
    }

    @Test
    void clientsDoNotShareABucket() {
        ClientBuckets buckets = new ClientBuckets(60, 1, 100, clock::get);
        assertEquals(0, buckets.take("a"));
        assertTrue(buckets.take("a") > 0);
        assertEquals(0, buckets.take("b"));
    }

    @Test
    void aSprayOfNewClientsStaysWithinTheCap() {
        ClientBuckets buckets = new ClientBuckets(60, 2, 100, clock::get);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(0, buckets.take("spray-" + i), "a new client has its whole burst");
            assertTrue(buckets.size() <= 100, "remembered: " + buckets.size());
        }
    }

    @Test
    void aThrottledClientOutlivesIdleOnesWhenTheMapIsFull() {
        ClientBuckets buckets = new ClientBuckets(1, 1, 10, clock::get);
        assertEquals(0, buckets.take("throttled"));
        long wait = buckets.take("throttled");
        assertEquals(60 * SECOND, wait);
        for (int i = 0; i < 9; i++) {
            buckets.take("idle-" + i);
        }
        // every idle bucket is full again after a minute; the throttled one has just been refused
        clock.addAndGet(60 * SECOND);
        assertEquals(0, buckets.take("throttled"));
        assertTrue(buckets.take("throttled") > 0);
        buckets.take("newcomer");
        assertEquals(2, buckets.size(), "the nine full buckets went, the throttled one stayed");
        assertTrue(buckets.take("throttled") > 0, "still throttled");
    }
}
