/**
 * The changes feed: what a mobile client syncs through. An app turns it on for a table in a migration
 * ({@code SELECT petdb_feed_track('todos', 'user_id')}, a function the kit installs with {@link
 * dev.petdb.kit.feed.FeedFunctions}) and serves it with {@link dev.petdb.kit.feed.ChangesFeed}; writes that carry the
 * version a client last saw go through {@link dev.petdb.kit.feed.RowVersions} and answer 412 on a lost update. The SQL
 * beside these classes ({@code feed-functions.sql}) numbers changes in commit order, keeps tombstones, and after a
 * restore ({@code petdb_feed_resync()}, which {@code petdb backup restore} calls) gives the feed a new epoch, part of
 * every {@link dev.petdb.kit.feed.FeedCursor}, so that devices sync again from the start; its comments say why it is
 * shaped so.
 */
package dev.petdb.kit.feed;
