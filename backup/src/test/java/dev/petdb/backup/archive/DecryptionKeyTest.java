package dev.petdb.backup.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.petdb.backup.BackupException;

class DecryptionKeyTest {
    private static final String UID = "petdb env <env@petdb.invalid>";
    private static final String EMAIL = "env@petdb.invalid";
    private static final String KEY_PASSPHRASE = "the key's own passphrase";

    private static OpenPgpTestGpg gpg;
    private static byte[] secretKey;
    private static byte[] publicKey;

    @TempDir
    Path dir;

    @BeforeAll
    static void gpg() throws IOException {
        gpg = OpenPgpTestGpg.start();
        gpg.generateKey(UID, "future-default", KEY_PASSPHRASE);
        secretKey = gpg.exportSecretKey(EMAIL, KEY_PASSPHRASE);
        publicKey = gpg.exportPublicKey(EMAIL);
    }

    @AfterAll
    static void stopGpg() throws IOException {
        if (gpg != null) {
            gpg.close();
        }
    }

    @Test
    void nothingConfigured() {
        assertEquals(Optional.empty(), DecryptionKey.fromEnvironment(Map.of()));
        assertEquals(Optional.empty(), DecryptionKey.fromEnvironment(Map.of("BACKUP_PASSPHRASE", "", "OTHER", "x")));
    }

    @Test
    void passphraseFromTheVariable() {
        DecryptionKey key = DecryptionKey.fromEnvironment(Map.of("BACKUP_PASSPHRASE", "s3cret pass")).orElseThrow();
        assertArrayEquals("s3cret pass".toCharArray(), assertInstanceOf(DecryptionKey.Passphrase.class, key).passphrase());
        assertEquals(DecryptionKey.passphrase("s3cret pass"), key);
        assertFalse(key.toString().contains("s3cret"), key.toString());
    }

    @Test
    void passphraseFromAFileWithoutItsTrailingNewline() throws IOException {
        for (String content : new String[] {"s3cret pass\n", "s3cret pass\r\n", "s3cret pass"}) {
            Path file = Files.writeString(dir.resolve("passphrase"), content, StandardCharsets.UTF_8);
            DecryptionKey key = DecryptionKey.fromEnvironment(Map.of("BACKUP_PASSPHRASE_FILE", file.toString()))
                    .orElseThrow();
            assertEquals(DecryptionKey.passphrase("s3cret pass"), key, content);
        }
    }

    @Test
    void unreadablePassphraseFileNamesTheVariableAndThePath() throws IOException {
        Path missing = dir.resolve("missing");
        BackupException e = assertThrows(BackupException.class,
                () -> DecryptionKey.fromEnvironment(Map.of("BACKUP_PASSPHRASE_FILE", missing.toString())));
        assertEquals("cannot read BACKUP_PASSPHRASE_FILE (" + missing + "): no such file", e.getMessage());

        BackupException directory = assertThrows(BackupException.class,
                () -> DecryptionKey.fromEnvironment(Map.of("BACKUP_PASSPHRASE_FILE", dir.toString())));
        assertEquals("cannot read BACKUP_PASSPHRASE_FILE (" + dir + "): it is a directory", directory.getMessage());

        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        BackupException blank = assertThrows(BackupException.class,
                () -> DecryptionKey.fromEnvironment(Map.of("BACKUP_PASSPHRASE_FILE", empty.toString())));
        assertEquals("BACKUP_PASSPHRASE_FILE (" + empty + ") is empty", blank.getMessage());
    }

    @Test
    void secretKeyFromAFileWithItsPassphrase() throws IOException {
        Path file = Files.write(dir.resolve("key.asc"), secretKey);
        DecryptionKey key = DecryptionKey.fromEnvironment(Map.of("BACKUP_SECRET_KEY_FILE", file.toString(),
                "BACKUP_SECRET_KEY_PASSPHRASE", KEY_PASSPHRASE)).orElseThrow();
        DecryptionKey.SecretKey secret = assertInstanceOf(DecryptionKey.SecretKey.class, key);
        assertArrayEquals(secretKey, secret.key());
        assertArrayEquals(KEY_PASSPHRASE.toCharArray(), secret.passphrase());
        assertEquals(2, secret.keyIds().size(), "primary key and encryption subkey: " + secret.keyIds());
        assertTrue(secret.keyIds().contains(gpg.encryptionSubkeyId(EMAIL)));

        assertFalse(key.toString().contains(KEY_PASSPHRASE), key.toString());
        assertFalse(key.toString().contains("PRIVATE KEY"), key.toString());
        assertTrue(key.toString().contains(gpg.encryptionSubkeyId(EMAIL)), key.toString());

        byte[] plain = "decrypted with the key from the environment".getBytes(StandardCharsets.UTF_8);
        byte[] encrypted = gpg.encryptTo(plain, EMAIL);
        try (var in = OpenPgpDecryption.decrypt(new java.io.ByteArrayInputStream(encrypted), key)) {
            assertArrayEquals(plain, in.readAllBytes());
        }
    }

    @Test
    void secretKeyWithoutPassphrase() throws IOException {
        Path file = Files.write(dir.resolve("key.asc"), secretKey);
        DecryptionKey.SecretKey key = assertInstanceOf(DecryptionKey.SecretKey.class,
                DecryptionKey.fromEnvironment(Map.of("BACKUP_SECRET_KEY_FILE", file.toString())).orElseThrow());
        assertFalse(key.hasPassphrase());
        assertNull(key.passphrase());
    }

    @Test
    void aFileWithoutASecretKeyIsRefusedWithoutShowingIt() throws IOException {
        Path pub = Files.write(dir.resolve("public.asc"), publicKey);
        BackupException e = assertThrows(BackupException.class,
                () -> DecryptionKey.fromEnvironment(Map.of("BACKUP_SECRET_KEY_FILE", pub.toString())));
        assertEquals("BACKUP_SECRET_KEY_FILE (" + pub + ") is a public key, not the secret key"
                + " (export it with gpg --export-secret-keys --armor KEYID)", e.getMessage());

        Path garbage = Files.writeString(dir.resolve("garbage"), "hunter2 is my password\n");
        BackupException notAKey = assertThrows(BackupException.class,
                () -> DecryptionKey.fromEnvironment(Map.of("BACKUP_SECRET_KEY_FILE", garbage.toString())));
        assertTrue(notAKey.getMessage().startsWith("BACKUP_SECRET_KEY_FILE (" + garbage + ") "), notAKey.getMessage());
        assertFalse(notAKey.getMessage().contains("hunter2"), notAKey.getMessage());
        assertFalse(notAKey.getMessage().contains("\n"));

        Path missing = dir.resolve("nope.asc");
        BackupException unreadable = assertThrows(BackupException.class,
                () -> DecryptionKey.fromEnvironment(Map.of("BACKUP_SECRET_KEY_FILE", missing.toString())));
        assertEquals("cannot read BACKUP_SECRET_KEY_FILE (" + missing + "): no such file", unreadable.getMessage());
    }

    @Test
    void contradictorySettings() throws IOException {
        Path file = Files.write(dir.resolve("key.asc"), secretKey);
        assertEquals("set BACKUP_PASSPHRASE or BACKUP_PASSPHRASE_FILE, not both",
                assertThrows(BackupException.class, () -> DecryptionKey.fromEnvironment(
                        Map.of("BACKUP_PASSPHRASE", "a", "BACKUP_PASSPHRASE_FILE", file.toString()))).getMessage());
        assertEquals("set either a passphrase (BACKUP_PASSPHRASE or BACKUP_PASSPHRASE_FILE) or a secret key"
                        + " (BACKUP_SECRET_KEY_FILE), not both",
                assertThrows(BackupException.class, () -> DecryptionKey.fromEnvironment(
                        Map.of("BACKUP_PASSPHRASE", "a", "BACKUP_SECRET_KEY_FILE", file.toString()))).getMessage());
        assertEquals("BACKUP_SECRET_KEY_PASSPHRASE is set but BACKUP_SECRET_KEY_FILE is not",
                assertThrows(BackupException.class, () -> DecryptionKey.fromEnvironment(
                        Map.of("BACKUP_SECRET_KEY_PASSPHRASE", "a"))).getMessage());
    }

    @Test
    void secretsAreCopied() {
        char[] chars = "mutable".toCharArray();
        DecryptionKey.Passphrase key = DecryptionKey.passphrase(chars);
        chars[0] = 'X';
        key.passphrase()[1] = 'Y';
        assertArrayEquals("mutable".toCharArray(), key.passphrase());
        assertNotEquals(DecryptionKey.passphrase("other"), key);
        assertThrows(BackupException.class, () -> DecryptionKey.passphrase(""));
    }
}
