package dev.petdb.kit.feed;

import java.util.List;

/**
 * The answer to {@code GET /<resource>/changes}.
 *
 * @param changes    the changes after the cursor, oldest first
 * @param nextCursor what the next request sends as {@code since}
 * @param hasMore    whether more changes follow at once: ask again with {@code nextCursor} before stopping
 * @param <T>        the app's record for a row
 */
public record ChangePage<T>(List<Change<T>> changes, String nextCursor, boolean hasMore) {
}
