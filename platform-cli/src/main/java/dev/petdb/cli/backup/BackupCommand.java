package dev.petdb.cli.backup;

import dev.petdb.cli.CommandGroup;
import picocli.CommandLine.Command;

/**
 * {@code petdb backup}: the nightly pg_dump backups that dokku-postgres writes to Cloudflare R2.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"List, verify, restore, diff, download, create and prune the backups that dokku postgres:backup writes to R2, "
                + "show their history and write their status page.",
                "Reads AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION, AWS_SIGNATURE_VERSION, ENDPOINT_URL "
                        + "and BUCKET_NAME (the values given to dokku postgres:backup-auth) and BACKUP_NAME "
                        + "(default postgres-petdb) from the environment."},
        subcommands = {BackupListCommand.class, BackupVerifyCommand.class, BackupRestoreCommand.class, BackupDiffCommand.class,
                BackupDownloadCommand.class, BackupCreateCommand.class, BackupPruneCommand.class,
                BackupHistoryCommand.class, BackupReportCommand.class})
public final class BackupCommand extends CommandGroup {
}
