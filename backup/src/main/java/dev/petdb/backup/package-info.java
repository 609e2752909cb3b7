/**
 * petdb's backup library: dokku-postgres backups in R2 listed, verified, restored, compared, downloaded, made and
 * pruned, one package per feature ({@code store}, {@code archive}, {@code dump}, {@code catalog}, {@code verify},
 * {@code restore}, {@code diff}, {@code create}, {@code retention}, {@code report}, {@code pgtools}). Here live only
 * {@link dev.petdb.backup.BackupException}, the library's one failure for its callers (a one-line reason, never a
 * secret), and {@link dev.petdb.backup.Sizes}, the one way petdb prints a byte count. Called by {@code platform-cli}'s
 * commands; it knows no picocli and no Helidon.
 */
package dev.petdb.backup;
