package dev.petdb.todos.auth;

/**
 * The body of {@code POST /auth/token}.
 *
 * @param email    the account's email, in any case
 * @param password its password, in clear: never printed, stored or logged
 */
public record TokenRequest(String email, String password) {
    @Override
    public String toString() {
        return "TokenRequest[email=" + email + ", password=(hidden)]";
    }
}
