package dev.petdb.backup.store;

import java.time.Instant;

/**
 * An object in the backup store.
 *
 * @param key          its key
 * @param size         its size in bytes
 * @param lastModified when the store last wrote it
 */
public record StoredObject(String key, long size, Instant lastModified) {
}
