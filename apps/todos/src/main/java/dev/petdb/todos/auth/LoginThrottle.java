package dev.petdb.todos.auth;

import java.time.Duration;

import dev.petdb.kit.http.ProblemException;
import io.helidon.dbclient.DbClient;

/**
 * Slows down password guessing per email, in the database so that every instance of the app counts the same
 * failures. The first {@value #FREE_FAILURES} failures cost nothing; after n failures the next attempt must wait
 * 2^(n-5) seconds after the last one, at most 15 minutes, and is refused unchecked until then. Failures older than
 * 15 minutes are forgotten; a successful sign-in forgets them at once.
 */
public final class LoginThrottle {
    static final int FREE_FAILURES = 5;
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    /** A failure this old no longer counts. */
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final DbClient db;

    /**
     * @param db the app's database client
     */
    public LoginThrottle(DbClient db) {
        this.db = db;
    }

    /**
     * @param key the lower-cased email about to be tried
     * @throws ProblemException 429 with Retry-After while that email must wait
     */
    public void check(String key) {
        // the database measures the time since the last failure: one clock for every instance
        db.execute()
                .get("SELECT failures, (extract(epoch FROM now() - last_failed_at) * 1000)::bigint AS elapsed_ms "
                        + "FROM login_failures WHERE email = ?", key)
                .ifPresent(row -> {
                    Duration elapsed = Duration.ofMillis(row.column("elapsed_ms").get(Long.class));
                    Duration wait = delay(row.column("failures").get(Integer.class)).minus(elapsed);
                    if (wait.isPositive()) {
                        throw ProblemException.tooManyRequests("too many failed sign-ins for this email; try again in "
                                + wholeSeconds(wait) + " seconds", Duration.ofSeconds(wholeSeconds(wait)));
                    }
                });
    }

    /**
     * Counts a failed sign-in; a count whose last failure is outside the window starts again at one.
     *
     * @param key the lower-cased email that was tried
     */
    public void failed(String key) {
        db.execute().dml("INSERT INTO login_failures AS f (email, failures, last_failed_at) VALUES (?, 1, now()) "
                + "ON CONFLICT (email) DO UPDATE SET last_failed_at = now(), failures = CASE "
                + "WHEN f.last_failed_at <= now() - make_interval(secs => ?) THEN 1 ELSE f.failures + 1 END",
                key, WINDOW.toSeconds());
    }

    /**
     * @param key the lower-cased email that just signed in
     */
    public void succeeded(String key) {
        db.execute().delete("DELETE FROM login_failures WHERE email = ?", key);
    }

    /**
     * @param failures failures within the window
     * @return how long after the last of them the next attempt must wait
     */
    static Duration delay(int failures) {
        if (failures < FREE_FAILURES) {
            return Duration.ZERO;
        }
        // 2^10 s is already over the cap; a bounded shift cannot overflow
        Duration delay = Duration.ofSeconds(1L << Math.min(failures - FREE_FAILURES, 10));
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    private static long wholeSeconds(Duration wait) {
        return (wait.toMillis() + 999) / 1000;
    }
}
