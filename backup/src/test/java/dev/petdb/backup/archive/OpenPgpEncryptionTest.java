package dev.petdb.backup.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;

import dev.petdb.backup.BackupException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What {@code backup create --encrypt} writes, decrypted by the real gpg, both ways dokku encrypts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenPgpEncryptionTest {
    private static final String UID = "petdb backups <backups@petdb.invalid>";
    private OpenPgpTestGpg gpg;
    private final byte[] plain = new byte[3 * 1024 * 1024 + 17];

    @BeforeAll
    void keys() throws IOException {
        gpg = OpenPgpTestGpg.start();
        gpg.generateKey(UID, "default", "");
        new Random(7).nextBytes(plain);
    }

    @AfterAll
    void stop() throws IOException {
        if (gpg != null) { // null when the set-up was skipped: no gpg, or the fast tier
            gpg.close();
        }
    }

    private static byte[] write(java.util.function.Function<OutputStream, OutputStream> encryption, byte[] data)
            throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = encryption.apply(sink)) {
            for (int i = 0; i < data.length; i += 65_000) {
                out.write(data, i, Math.min(65_000, data.length - i));
            }
        }
        return sink.toByteArray();
    }

    @Test
    void gpgDecryptsWhatIsEncryptedWithAPassphrase() throws IOException {
        byte[] encrypted = write(sink -> OpenPgpEncryption.encrypt(sink, "nightly".toCharArray()), plain);
        assertArrayEquals(plain, gpg.run(encrypted, "--pinentry-mode", "loopback", "--passphrase", "nightly", "--decrypt"));
    }

    @Test
    void gpgDecryptsWhatIsEncryptedToAPublicKey() throws IOException {
        byte[] encrypted = write(sink -> OpenPgpEncryption.encryptTo(sink, exportPublicKeyUnchecked()), plain);
        assertArrayEquals(plain, gpg.run(encrypted, "--decrypt"));
        // and petdb reads it back with the secret key, as verify and restore do
        DecryptionKey key = DecryptionKey.secretKey(gpg.exportSecretKey(UID, ""));
        try (var in = OpenPgpDecryption.decrypt(new ByteArrayInputStream(encrypted), key)) {
            assertArrayEquals(plain, in.readAllBytes());
        }
    }

    @Test
    void somethingElseThanAPublicKeyIsRefused() {
        BackupException e = assertThrows(BackupException.class,
                () -> OpenPgpEncryption.encryptTo(new ByteArrayOutputStream(), "not a key".getBytes()));
        assertEquals("BACKUP_PUBLIC_KEY_FILE is not an OpenPGP public key (export it with gpg --export --armor KEYID)",
                e.getMessage());
    }

    private byte[] exportPublicKeyUnchecked() {
        try {
            return gpg.exportPublicKey(UID);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
