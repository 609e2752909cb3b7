/**
 * What changed in some tables since a backup: {@link dev.petdb.backup.diff.BackupDiff} restores just those tables
 * from the backup into a scratch database on petdb's server (always dropped), then
 * {@link dev.petdb.backup.diff.TableComparison} streams the restored and the live rows side by side, both ordered the
 * same way, and merges them in Java: by primary key, or as whole rows (a multiset) where there is none. Values are
 * compared as PostgreSQL's text output of each column; memory stays bounded whatever the table's size.
 */
package dev.petdb.backup.diff;
