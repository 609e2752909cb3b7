package dev.petdb.todos.users;

/**
 * What signing in checks a password against.
 *
 * @param userId       the user's id
 * @param passwordHash their bcrypt hash
 */
public record Credentials(long userId, String passwordHash) {
    @Override
    public String toString() {
        // a hash is not the password, but it is what an offline guesser needs
        return "Credentials[userId=" + userId + ", passwordHash=(hidden)]";
    }
}
