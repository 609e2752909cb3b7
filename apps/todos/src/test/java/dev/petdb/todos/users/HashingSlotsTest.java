package dev.petdb.todos.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import dev.petdb.kit.http.ProblemException;
import org.junit.jupiter.api.Test;

/** Password work runs in a bounded number of slots; a request that finds none free in time gets a 429. */
class HashingSlotsTest {
    @Test
    void whenEverySlotIsTakenTheNextCallerGets429WithRetryAfterAndTheSlotFreesAfterwards() throws Exception {
        HashingSlots slots = new HashingSlots(1, Duration.ofMillis(20));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> holder = CompletableFuture.supplyAsync(() -> slots.run(() -> {
            started.countDown();
            await(release);
            return "first";
        }));
        started.await();

        ProblemException busy = assertThrows(ProblemException.class, () -> slots.run(() -> "second"));
        assertEquals(429, busy.status().code());
        assertEquals("1", busy.headers().values().iterator().next());

        release.countDown();
        assertEquals("first", holder.get());
        assertEquals("third", slots.run(() -> "third"));
    }

    @Test
    void aFailureInTheWorkReachesTheCallerAndFreesTheSlot() {
        HashingSlots slots = new HashingSlots(1, Duration.ofSeconds(5));
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> slots.run(() -> {
            throw new IllegalArgumentException("bad hash");
        }));
        assertEquals("bad hash", failure.getMessage());
        assertEquals("after", slots.run(() -> "after"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
