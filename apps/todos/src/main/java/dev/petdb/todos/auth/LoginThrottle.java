package dev.petdb.todos.auth;

import java.time.Duration;

import dev.petdb.kit.http.ProblemException;
import io.helidon.dbclient.DbClient;

/**
 * Slows down password guessing per canonical email, in the database so that every instance of the app counts the same
 * failures. The first {@value #FREE_FAILURES} failures cost nothing; after n failures the next attempt must wait
 * 2^(n-5) seconds after the last one, at most 15 minutes, and is refused unchecked until then. Failures older than
 * 15 minutes are forgotten; a successful sign-in forgets them at once.
 * <p>
 * An attempt is counted as a failure before its password is checked, by one statement that both decides and counts
 * (the row lock of {@code INSERT ... ON CONFLICT DO UPDATE} serialises parallel attempts), so twenty guesses sent at
 * once still check at most five passwords. A success then clears the count; an attempt whose check could not run is
 * taken back.
 */
public final class LoginThrottle {
    static final int FREE_FAILURES = 5;
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    /** A failure this old no longer counts. */
    static final Duration WINDOW = Duration.ofMinutes(15);

    /** The wait after row f's failures: none for the free ones, then 2^(n-5) s up to the cap (the shift is bounded). */
    private static final String DELAY = "CASE WHEN f.failures < " + FREE_FAILURES + " THEN interval '0' "
            + "ELSE make_interval(secs => least(1 << least(f.failures - " + FREE_FAILURES + ", 10), "
            + MAX_DELAY.toSeconds() + ")) END";
    private static final String STALE = "f.last_failed_at <= now() - make_interval(secs => " + WINDOW.toSeconds() + ")";

    private final DbClient db;

    /**
     * @param db the app's database client
     */
    public LoginThrottle(DbClient db) {
        this.db = db;
    }

    /**
     * Counts an attempt for the email, unless it must wait; the database's clock measures the wait, one clock for
     * every instance.
     *
     * @param key the canonical email about to be tried
     * @throws ProblemException 429 with Retry-After while that email must wait; nothing is counted then
     */
    public void attempt(String key) {
        boolean counted = db.execute()
                .get("INSERT INTO login_failures AS f (email, failures, last_failed_at) VALUES (?, 1, now()) "
                        + "ON CONFLICT (email) DO UPDATE SET last_failed_at = now(), "
                        + "failures = CASE WHEN " + STALE + " THEN 1 ELSE f.failures + 1 END "
                        + "WHERE " + STALE + " OR f.last_failed_at + " + DELAY + " <= now() RETURNING failures", key)
                .isPresent();
        if (!counted) {
            long seconds = db.execute()
                    .get("SELECT ceil(extract(epoch FROM f.last_failed_at + " + DELAY + " - now()))::bigint AS wait "
                            + "FROM login_failures f WHERE email = ?", key)
                    .map(row -> row.column("wait").get(Long.class))
                    .orElse(1L);
            long wait = Math.max(1, seconds);
            throw ProblemException.tooManyRequests("too many failed sign-ins for this email; try again in " + wait
                    + " seconds", Duration.ofSeconds(wait));
        }
    }

    /**
     * The counted attempt failed: the wait runs from now, not from when the check began.
     *
     * @param key the canonical email that was tried
     */
    public void failed(String key) {
        db.execute().dml("UPDATE login_failures SET last_failed_at = now() WHERE email = ?", key);
    }

    /**
     * The counted attempt's password was never checked (the server was too busy, say): it does not count.
     *
     * @param key the canonical email that was about to be tried
     */
    public void withdraw(String key) {
        db.execute().dml("UPDATE login_failures SET failures = failures - 1 WHERE email = ? AND failures > 0", key);
    }

    /**
     * @param key the canonical email that just signed in
     */
    public void succeeded(String key) {
        db.execute().delete("DELETE FROM login_failures WHERE email = ?", key);
    }
}
