/**
 * petdb's backup library: finding, reading, verifying, restoring, creating and pruning the pg_dump backups that
 * Dokku's postgres plugin writes to Cloudflare R2. Its commands live in platform-cli; this library knows nothing of
 * picocli or Helidon. Built out by the backup issue.
 */
package dev.petdb.backup;
