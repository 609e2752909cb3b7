/**
 * How every part of petdb reaches PostgreSQL: {@link dev.petdb.dburl.DatabaseUrl} reads {@code DATABASE_URL} as
 * dokku-postgres writes it and opens connections from it; {@link dev.petdb.dburl.SqlText} quotes what petdb writes
 * into SQL; {@link dev.petdb.dburl.SqlErrors} turns a database error into one line; {@link dev.petdb.dburl.AppNameRule}
 * says which names an app (its schema and role) may have. The app kit, the backup library and the CLI call these, so
 * that each of these jobs is done one way; nothing here logs, and nothing here ever shows a password.
 */
package dev.petdb.dburl;
