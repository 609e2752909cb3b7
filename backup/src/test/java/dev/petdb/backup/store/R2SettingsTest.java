package dev.petdb.backup.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import dev.petdb.backup.BackupException;
import org.junit.jupiter.api.Test;

/**
 * The five values of {@code dokku postgres:backup-auth}, under the names dokku's backup container reads.
 */
class R2SettingsTest {
    private static Map<String, String> seedValues() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", "R2_ACCESS_KEY");
        env.put("AWS_SECRET_ACCESS_KEY", "R2_SECRET_KEY");
        env.put("AWS_DEFAULT_REGION", "auto");
        env.put("AWS_SIGNATURE_VERSION", "v4");
        env.put("ENDPOINT_URL", "https://0123abcd.r2.cloudflarestorage.com");
        env.put("BUCKET_NAME", "petdb-backups/2025-07-20");
        return env;
    }

    @Test
    void theSeedsValuesWorkVerbatim() {
        R2Settings settings = R2Settings.fromEnvironment(seedValues());
        assertEquals("petdb-backups", settings.bucket());
        assertEquals("2025-07-20/", settings.prefix());
        assertEquals("auto", settings.region());
        assertEquals(URI.create("https://0123abcd.r2.cloudflarestorage.com"), settings.endpoint());
        assertEquals("postgres-petdb", settings.backupName());
        assertFalse(settings.toString().contains("R2_SECRET_KEY"));
        assertFalse(settings.toString().contains("R2_ACCESS_KEY"));
    }

    @Test
    void theSignatureVersionAsDokkuPostgresReadmeWritesItWorks() {
        for (String version : new String[] {"s3v4", "S3V4", "v4"}) {
            Map<String, String> env = seedValues();
            env.put("AWS_SIGNATURE_VERSION", version);
            assertEquals("auto", R2Settings.fromEnvironment(env).region(), version);
        }
    }

    @Test
    void missingOrWrongValuesNameTheVariable() {
        for (String name : new String[] {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ENDPOINT_URL", "BUCKET_NAME"}) {
            Map<String, String> env = seedValues();
            env.remove(name);
            assertEquals(name + " is not set (the value given to dokku postgres:backup-auth)",
                    assertThrows(BackupException.class, () -> R2Settings.fromEnvironment(env)).getMessage());
        }
        Map<String, String> v2 = seedValues();
        v2.put("AWS_SIGNATURE_VERSION", "v2");
        assertEquals("AWS_SIGNATURE_VERSION must be s3v4 or v4 (R2 accepts only signature version 4)",
                assertThrows(BackupException.class, () -> R2Settings.fromEnvironment(v2)).getMessage());
        Map<String, String> endpoint = seedValues();
        endpoint.put("ENDPOINT_URL", "https://key:secret@x.r2.cloudflarestorage.com");
        BackupException withCredentials = assertThrows(BackupException.class, () -> R2Settings.fromEnvironment(endpoint));
        assertFalse(withCredentials.getMessage().contains("secret@"));
        Map<String, String> bucket = seedValues();
        bucket.put("BUCKET_NAME", "Petdb_Backups");
        assertThrows(BackupException.class, () -> R2Settings.fromEnvironment(bucket));
    }
}
