package dev.petdb.backup.store;

import java.time.Instant;

/**
 * A multipart upload that was started and neither completed nor aborted: its parts take space in the bucket, yet no
 * object lists them.
 *
 * @param key       the key it would have stored
 * @param uploadId  the store's id for it
 * @param initiated when the store started it
 */
public record UnfinishedUpload(String key, String uploadId, Instant initiated) {
}
