package dev.petdb.todos.auth;

/**
 * Who sent a request with a valid bearer token.
 *
 * @param userId the token's user
 * @param token  the token itself, to revoke it on logout: never printed
 */
public record Caller(long userId, String token) {
    @Override
    public String toString() {
        return "Caller[userId=" + userId + ", token=(hidden)]";
    }
}
