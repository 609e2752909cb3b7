package dev.petdb.cli.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The file {@code backup download} writes when no {@code --output} is given. */
class BackupDownloadNamesTest {
    @Test
    void theKeysFileNameWithoutTgzAndGpg() {
        assertEquals("postgres-petdb-2025-07-23-03-00-02.dump",
                BackupDownloadCommand.defaultName("2025-07-20/postgres-petdb-2025-07-23-03-00-02.tgz.gpg"));
        assertEquals("postgres-petdb-2025-07-23-03-00-02.dump",
                BackupDownloadCommand.defaultName("postgres-petdb-2025-07-23-03-00-02.tgz"));
    }
}
