package dev.petdb.todos.todo;

import java.time.Instant;

/**
 * A stored todo.
 *
 * @param id          its id
 * @param title       its title, 1 to 200 characters
 * @param description its description, if any
 * @param state       where it stands
 * @param createdAt   when it was added
 * @param updatedAt   when it last changed
 * @param version     raised by one at each change: its ETag, which a write sends back as If-Match
 */
public record Todo(long id, String title, String description, TodoState state, Instant createdAt, Instant updatedAt,
        long version) {
}
