/**
 * PostgreSQL's client programs: finding pg_dump, pg_restore and psql and their versions
 * ({@link dev.petdb.backup.pgtools.PgTools}), starting one with the connection in its environment and no other secret
 * ({@link dev.petdb.backup.pgtools.PgClientEnvironment}, where each caller says what becomes of standard output), and
 * keeping its last error lines for a one-line message ({@link dev.petdb.backup.pgtools.ProcessErrors}). Used by
 * restore, create, diff and verify's restore test, and by {@code petdb doctor}; knows nothing of picocli.
 */
package dev.petdb.backup.pgtools;
