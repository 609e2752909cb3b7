package dev.petdb.kit.feed;

import dev.petdb.kit.http.json.OmitNulls;

/**
 * One row's latest change in a feed page.
 *
 * @param id      the row's id
 * @param change  the change's number: the feed answers them in increasing order
 * @param deleted whether the row was deleted (a tombstone): the client drops its copy
 * @param item    the row as it is now; absent for a deleted row
 * @param <T>     the app's record for a row
 */
@OmitNulls
public record Change<T>(long id, long change, boolean deleted, T item) {
}
