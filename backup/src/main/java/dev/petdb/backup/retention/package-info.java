/**
 * Which backups to keep: grandfather-father-son retention by the time in each backup's name
 * ({@link dev.petdb.backup.retention.GfsRetention}). Pure rules, no store access: {@code petdb backup prune} asks
 * them and deletes the rest.
 */
package dev.petdb.backup.retention;
