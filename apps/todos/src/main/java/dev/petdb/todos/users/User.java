package dev.petdb.todos.users;

import java.time.Instant;

/**
 * A user as the API shows them: never with the password hash.
 *
 * @param id        their id
 * @param email     their email, as they signed up with it
 * @param createdAt when they signed up
 */
public record User(long id, String email, Instant createdAt) {
}
