package dev.petdb.fruits.items;

import java.time.Instant;

/**
 * A stored item.
 *
 * @param id        its id
 * @param name      its name, unique regardless of case
 * @param createdAt when it was added
 */
public record Item(long id, String name, Instant createdAt) {
}
