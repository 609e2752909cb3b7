package dev.petdb.todos.users;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.petdb.kit.http.ProblemException;

/**
 * Where bcrypt runs: on a few platform threads, one per core, never on the request's virtual thread. Helidon runs
 * requests on virtual threads that share one carrier thread per core; a bcrypt check there pins its carrier for a
 * quarter of a second, so a burst of sign-ins starved every other request, including those holding a pooled
 * connection, and the pool timed out (503) while the database was idle. Here the burst waits in a queue of bounded
 * patience instead, and the operating system keeps sharing the cores with everything else. Callers hold no database
 * connection while they wait or hash.
 */
public final class HashingSlots {
    /** How long a request waits for a free slot before it answers 429. */
    static final Duration MAX_WAIT = Duration.ofSeconds(3);
    /** What a client that got the 429 should wait: about the time a few checks take. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    /** Idle hashing threads end after this; a later burst starts them again. */
    private static final Duration IDLE_THREAD = Duration.ofSeconds(30);

    private final Semaphore slots;
    private final ThreadPoolExecutor threads;
    private final Duration maxWait;

    /**
     * @param parallelism how many hashes run at once
     * @param maxWait     how long a request waits for a slot
     */
    HashingSlots(int parallelism, Duration maxWait) {
        this.slots = new Semaphore(parallelism, true);
        // never more tasks than slots, so the queue stays as short as the semaphore keeps it
        this.threads = new ThreadPoolExecutor(parallelism, parallelism, IDLE_THREAD.toMillis(), TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), Thread.ofPlatform().name("todos-hashing-", 0).daemon().factory());
        this.threads.allowCoreThreadTimeOut(true);
        this.maxWait = maxWait;
    }

    /**
     * @return slots for the cores this process may use, waiting at most {@link #MAX_WAIT}
     */
    public static HashingSlots forThisMachine() {
        return new HashingSlots(Math.max(1, Runtime.getRuntime().availableProcessors()), MAX_WAIT);
    }

    /**
     * Runs CPU-bound password work in a slot, the calling thread parked until it is done.
     *
     * @param work a bcrypt hash or check
     * @param <T>  its result
     * @return its result
     * @throws ProblemException 429 with Retry-After when no slot freed up within the wait
     */
    public <T> T run(Supplier<T> work) {
        boolean acquired = false;
        try {
            acquired = slots.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS);
            if (!acquired) {
                throw ProblemException.tooManyRequests("too many sign-ins at once; try again in a moment", RETRY_AFTER);
            }
            Future<T> result = threads.submit(work::get);
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing a password", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("hashing a password failed", e.getCause());
        } finally {
            if (acquired) {
                slots.release();
            }
        }
    }
}
