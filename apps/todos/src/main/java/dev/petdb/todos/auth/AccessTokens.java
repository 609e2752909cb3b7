package dev.petdb.todos.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import io.helidon.dbclient.DbClient;

/**
 * Bearer tokens: 32 random bytes, base64url, handed out once. The table keeps only their SHA-256, so a copy of the
 * database lets nobody in; a plain hash suffices because the tokens are random, not chosen by people.
 */
public final class AccessTokens {
    /** How long a token works after it is issued. */
    public static final Duration LIFETIME = Duration.ofDays(30);

    private static final int TOKEN_BYTES = 32;
    /** 32 bytes in unpadded base64url. */
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DbClient db;

    /**
     * @param db the app's database client
     */
    public AccessTokens(DbClient db) {
        this.db = db;
    }

    /**
     * @param userId the user who proved their password
     * @return a new token for them
     */
    public IssuedToken issue(long userId) {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        // the database's clock sets the expiry, as it is the one that checks it
        Timestamp expiresAt = db.execute()
                .get("INSERT INTO access_tokens (token_hash, user_id, expires_at) "
                        + "VALUES (?, ?, now() + make_interval(secs => ?)) RETURNING expires_at",
                        hash(token), userId, LIFETIME.toSeconds())
                .orElseThrow()
                .column("expires_at").get(Timestamp.class);
        return new IssuedToken(token, "Bearer", LIFETIME.toSeconds(), expiresAt.toInstant());
    }

    /**
     * @param token a presented token, possibly garbage
     * @return its user when it is well-formed, known, not expired and not revoked
     */
    public Optional<Long> holder(String token) {
        if (!FORMAT.matcher(token).matches()) {
            return Optional.empty();
        }
        return db.execute()
                .get("SELECT user_id FROM access_tokens "
                        + "WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > now()", hash(token))
                .map(row -> row.column("user_id").get(Long.class));
    }

    /**
     * @param token a valid token; it stops working now
     */
    public void revoke(String token) {
        db.execute().update("UPDATE access_tokens SET revoked_at = now() WHERE token_hash = ? AND revoked_at IS NULL",
                hash(token));
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
