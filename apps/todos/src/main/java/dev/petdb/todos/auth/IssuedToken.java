package dev.petdb.todos.auth;

import java.time.Instant;

/**
 * The answer to {@code POST /auth/token} (RFC 6749 section 5.1 names).
 *
 * @param accessToken the bearer token: shown once, stored only as its hash, never printed
 * @param tokenType   always {@code Bearer}
 * @param expiresIn   its lifetime in seconds
 * @param expiresAt   when it stops working
 */
public record IssuedToken(String accessToken, String tokenType, long expiresIn, Instant expiresAt) {
    @Override
    public String toString() {
        return "IssuedToken[accessToken=(hidden), tokenType=" + tokenType + ", expiresIn=" + expiresIn
                + ", expiresAt=" + expiresAt + "]";
    }
}
