/**
 * petdb's backup library: dokku-postgres backups in R2 listed, verified, restored, compared, downloaded, made and
 * pruned, one package per feature ({@code store}, {@code archive}, {@code dump}, {@code catalog}, {@code verify},
 * {@code restore}, {@code diff}, {@code create}, {@code retention}, {@code report}, {@code pgtools}). Here lives only
 * {@link dev.petdb.backup.BackupException}, the library's one failure for its callers: a one-line reason, never a
 * secret. Called by {@code platform-cli}'s backup and doctor commands; it knows no picocli and no Helidon.
 */
package dev.petdb.backup;
