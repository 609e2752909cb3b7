package dev.petdb.backup.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.petdb.backup.BackupException;

/**
 * {@link OpenPgpDecryption} on messages made by the real gpg exactly as dokku makes them.
 */
class OpenPgpDecryptionTest {
    private static final String PASSPHRASE = "correct horse battery staple";
    private static final String RSA_UID = "petdb test <test@petdb.invalid>";
    private static final String RSA_EMAIL = "test@petdb.invalid";
    private static final String CV_UID = "petdb protected <protected@petdb.invalid>";
    private static final String CV_EMAIL = "protected@petdb.invalid";
    private static final String CV_KEY_PASSPHRASE = "key passphrase 42";
    private static final int LARGE = 12 * 1024 * 1024;

    private static OpenPgpTestGpg gpg;
    /** The default algorithm (RSA with gpg 2.2), not protected. */
    private static DecryptionKey.SecretKey rsaKey;
    /** future-default (ed25519 + cv25519), protected by {@link #CV_KEY_PASSPHRASE}. */
    private static byte[] cvKeyExport;

    @BeforeAll
    static void gpg() throws IOException {
        gpg = OpenPgpTestGpg.start();
        gpg.generateKey(RSA_UID, "default", "");
        gpg.generateKey(CV_UID, "future-default", CV_KEY_PASSPHRASE);
        rsaKey = DecryptionKey.secretKey(gpg.exportSecretKey(RSA_EMAIL, ""));
        cvKeyExport = gpg.exportSecretKey(CV_EMAIL, CV_KEY_PASSPHRASE);
    }

    @AfterAll
    static void stopGpg() throws IOException {
        if (gpg != null) {
            gpg.close();
        }
    }

    // --- what decrypts -------------------------------------------------------------------------------------------

    @Test
    void decryptsWhatDokkuWritesWithAPassphrase() throws IOException {
        byte[] plain = "a small dump\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        byte[] encrypted = gpg.encryptSymmetric(plain, PASSPHRASE);

        assertArrayEquals(plain, decryptAll(encrypted, DecryptionKey.passphrase(PASSPHRASE)));
        assertArrayEquals(plain, decryptAll(encrypted, DecryptionKey.passphrase(PASSPHRASE.toCharArray())));
    }

    @Test
    void decryptsARealTgz() throws IOException {
        byte[] tgz = gzip(randomBytes(200_000, 7));
        assertArrayEquals(tgz, decryptAll(gpg.encryptSymmetric(tgz, PASSPHRASE), DecryptionKey.passphrase(PASSPHRASE)));
    }

    /** gpg compresses with ZIP by default; dokku's never turns it off, but any algorithm gpg can write must work. */
    @ParameterizedTest
    @ValueSource(strings = {"none", "zip", "zlib", "bzip2"})
    void decryptsEveryCompressionAlgorithm(String algorithm) throws IOException {
        byte[] plain = compressibleBytes(3 * 1024 * 1024);
        byte[] encrypted = gpg.encryptSymmetric(plain, PASSPHRASE, "--compress-algo", algorithm);
        if (!algorithm.equals("none")) {
            assertTrue(encrypted.length < plain.length / 4, "gpg compressed with " + algorithm);
        }
        assertArrayEquals(plain, decryptAll(encrypted, DecryptionKey.passphrase(PASSPHRASE)));
    }

    @Test
    void decryptsAnArmoredMessage() throws IOException {
        byte[] plain = randomBytes(100_000, 3);
        byte[] encrypted = gpg.encryptSymmetric(plain, PASSPHRASE, "--armor");
        assertTrue(new String(encrypted, 0, 27, StandardCharsets.US_ASCII).startsWith("-----BEGIN PGP MESSAGE-----"));
        assertArrayEquals(plain, decryptAll(encrypted, DecryptionKey.passphrase(PASSPHRASE)));
    }

    /**
     * Several MB of random data (which compression cannot shrink), read through a small buffer: the decryption reads
     * its input only a little ahead of the plaintext it hands out, so memory does not grow with the backup.
     */
    @Test
    void streamsALargeBackupWithBoundedLookAhead() throws IOException, NoSuchAlgorithmException {
        Path plain = Files.createTempFile(gpg.home(), "large", ".bin");
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        Random random = new Random(42);
        try (OutputStream out = Files.newOutputStream(plain)) {
            byte[] chunk = new byte[64 * 1024];
            for (int written = 0; written < LARGE; written += chunk.length) {
                random.nextBytes(chunk);
                expected.update(chunk);
                out.write(chunk);
            }
        }
        Path encrypted = gpg.encryptSymmetric(plain, PASSPHRASE);
        assertTrue(Files.size(encrypted) > LARGE, "random data does not compress");

        MessageDigest actual = MessageDigest.getInstance("SHA-256");
        long total = 0;
        long maxLead = 0;
        try (CountingInputStream source = new CountingInputStream(Files.newInputStream(encrypted));
             InputStream in = OpenPgpDecryption.decrypt(source, DecryptionKey.passphrase(PASSPHRASE))) {
            assertTrue(source.count <= 64 * 1024, "decrypt() read only the headers, not " + source.count + " bytes");
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                actual.update(buffer, 0, n);
                total += n;
                maxLead = Math.max(maxLead, source.count - total);
            }
            assertEquals(-1, in.read(buffer), "the end stays the end");
        }
        assertEquals(LARGE, total);
        assertArrayEquals(expected.digest(), actual.digest());
        assertTrue(maxLead < 256 * 1024, "the input was read at most " + maxLead + " bytes ahead of the plaintext");
        Files.delete(plain);
        Files.delete(encrypted);
    }

    @Test
    void decryptsWhatDokkuWritesWithAPublicKey() throws IOException {
        byte[] plain = randomBytes(300_000, 11);
        byte[] encrypted = gpg.encryptTo(plain, RSA_EMAIL);
        assertArrayEquals(plain, decryptAll(encrypted, rsaKey));
    }

    @Test
    void decryptsWithAPassphraseProtectedCurve25519Key() throws IOException {
        byte[] plain = randomBytes(300_000, 12);
        byte[] encrypted = gpg.encryptTo(plain, CV_EMAIL);
        assertArrayEquals(plain, decryptAll(encrypted,
                DecryptionKey.secretKey(cvKeyExport, CV_KEY_PASSPHRASE.toCharArray())));
    }

    @Test
    void decryptsASignedMessageAndAnAnonymousRecipient() throws IOException {
        byte[] plain = randomBytes(50_000, 13);
        byte[] signed = gpg.encryptTo(plain, RSA_EMAIL, "--sign", "--local-user", RSA_EMAIL, "--passphrase", "");
        assertArrayEquals(plain, decryptAll(signed, rsaKey));
        byte[] anonymous = gpg.encryptTo(plain, RSA_EMAIL, "--throw-keyids");
        assertArrayEquals(plain, decryptAll(anonymous, rsaKey));
    }

    /** gpg --symmetric --encrypt: a passphrase session packet and a public-key one; either key opens it. */
    @Test
    void decryptsAMessageForAPassphraseAndAPublicKey() throws IOException {
        byte[] plain = randomBytes(20_000, 18);
        byte[] encrypted = gpg.encryptTo(plain, RSA_EMAIL, "--symmetric", "--passphrase", PASSPHRASE);
        assertArrayEquals(plain, decryptAll(encrypted, DecryptionKey.passphrase(PASSPHRASE)));
        assertArrayEquals(plain, decryptAll(encrypted, rsaKey));
        assertEquals(OpenPgpDecryption.WRONG_PASSPHRASE,
                failure(encrypted, DecryptionKey.passphrase("not " + PASSPHRASE)).getMessage());
    }

    // --- the wrong key ---------------------------------------------------------------------------------------------

    @Test
    void wrongPassphrase() throws IOException {
        byte[] encrypted = gpg.encryptSymmetric(randomBytes(10_000, 1), PASSPHRASE);
        BackupException e = failure(encrypted, DecryptionKey.passphrase("not " + PASSPHRASE));
        assertEquals("wrong passphrase for the encrypted backup", e.getMessage());
    }

    @Test
    void publicKeyMessageWithAPassphraseSaysASecretKeyIsNeeded() throws IOException {
        String subkey = gpg.encryptionSubkeyId(RSA_EMAIL);
        byte[] encrypted = gpg.encryptTo(randomBytes(1000, 2), RSA_EMAIL);
        BackupException e = failure(encrypted, DecryptionKey.passphrase(PASSPHRASE));
        assertEquals("the encrypted backup is encrypted to a public key (key id " + subkey
                + "): it needs that secret key (BACKUP_SECRET_KEY_FILE), not a passphrase", e.getMessage());
    }

    @Test
    void passphraseMessageWithASecretKeySaysAPassphraseIsNeeded() throws IOException {
        byte[] encrypted = gpg.encryptSymmetric(randomBytes(1000, 2), PASSPHRASE);
        BackupException e = failure(encrypted, rsaKey);
        assertEquals("the encrypted backup is encrypted with a passphrase: it needs the passphrase"
                + " (BACKUP_PASSPHRASE or BACKUP_PASSPHRASE_FILE), not a secret key", e.getMessage());
    }

    @Test
    void messageForAnotherKeyNamesBothKeyIds() throws IOException {
        String cvSubkey = gpg.encryptionSubkeyId(CV_EMAIL);
        String rsaSubkey = gpg.encryptionSubkeyId(RSA_EMAIL);
        byte[] encrypted = gpg.encryptTo(randomBytes(1000, 2), CV_EMAIL);
        BackupException e = failure(encrypted, rsaKey);
        assertTrue(e.getMessage().startsWith("the encrypted backup is encrypted to key id " + cvSubkey
                + ", but the secret key holds "), e.getMessage());
        assertTrue(e.getMessage().contains(rsaSubkey), e.getMessage());
        assertTrue(rsaKey.keyIds().contains(rsaSubkey));
    }

    @Test
    void protectedSecretKeyWithoutOrWithAWrongPassphrase() throws IOException {
        String cvSubkey = gpg.encryptionSubkeyId(CV_EMAIL);
        byte[] encrypted = gpg.encryptTo(randomBytes(1000, 2), CV_EMAIL);

        BackupException none = failure(encrypted, DecryptionKey.secretKey(cvKeyExport));
        assertEquals("the secret key " + cvSubkey + " is protected by a passphrase, but none was given"
                + " (BACKUP_SECRET_KEY_PASSPHRASE)", none.getMessage());

        BackupException wrong = failure(encrypted, DecryptionKey.secretKey(cvKeyExport, "wrong".toCharArray()));
        assertEquals("wrong passphrase for the secret key " + cvSubkey, wrong.getMessage());
    }

    // --- what is not a good encrypted backup --------------------------------------------------------------------------

    @Test
    void emptyInput() {
        assertEquals(OpenPgpDecryption.EMPTY, failure(new byte[0], DecryptionKey.passphrase(PASSPHRASE)).getMessage());
    }

    @Test
    void plainBytesAreNotOpenPgp() throws IOException {
        DecryptionKey key = DecryptionKey.passphrase(PASSPHRASE);
        assertEquals(OpenPgpDecryption.NOT_OPENPGP,
                failure("this is not an OpenPGP message\n".getBytes(StandardCharsets.UTF_8), key).getMessage());
        assertEquals(OpenPgpDecryption.NOT_ENCRYPTED_GZIP, failure(gzip(randomBytes(1000, 5)), key).getMessage());
        assertEquals(OpenPgpDecryption.NOT_ENCRYPTED_OPENPGP,
                failure(gpg.run(randomBytes(1000, 5), "--store"), key).getMessage());
        assertTrue(failure(gpg.exportPublicKey(RSA_EMAIL), key).getMessage()
                .startsWith(OpenPgpDecryption.NOT_OPENPGP), "an armored public key is no encrypted backup");
    }

    @Test
    void refusesAMessageWithoutIntegrityProtection() throws IOException {
        byte[] plain = randomBytes(1000, 6);
        byte[] encrypted = gpg.run(plain, "--symmetric", "--rfc2440", "--cipher-algo", "CAST5",
                "--passphrase", PASSPHRASE);
        assertEquals(OpenPgpDecryption.NOT_INTEGRITY_PROTECTED,
                failure(encrypted, DecryptionKey.passphrase(PASSPHRASE)).getMessage());
    }

    /** Cut in the middle of several MB: the data read so far comes out, then the end is an exception, not -1. */
    @Test
    void truncatedInTheMiddleFails() throws IOException {
        byte[] plain = randomBytes(2 * 1024 * 1024, 8);
        byte[] encrypted = gpg.encryptSymmetric(plain, PASSPHRASE);
        byte[] cut = Arrays.copyOf(encrypted, encrypted.length / 2);

        long[] read = new long[1];
        BackupException e = assertThrows(BackupException.class, () -> {
            try (InputStream in = OpenPgpDecryption.decrypt(new ByteArrayInputStream(cut),
                    DecryptionKey.passphrase(PASSPHRASE))) {
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    read[0] += n;
                }
            }
        });
        assertEquals(OpenPgpDecryption.TRUNCATED, e.getMessage());
        assertTrue(read[0] > 0 && read[0] < plain.length, "read " + read[0]);
    }

    /** Wherever the cut is, reading never ends normally: public-key and passphrase messages, compressed or not. */
    @ParameterizedTest
    @ValueSource(strings = {"passphrase", "passphrase-uncompressed", "public-key"})
    void truncatedAnywhereFails(String kind) throws IOException {
        byte[] plain = randomBytes(40_000, 9);
        DecryptionKey key = kind.startsWith("passphrase") ? DecryptionKey.passphrase(PASSPHRASE) : rsaKey;
        byte[] encrypted = switch (kind) {
            case "passphrase" -> gpg.encryptSymmetric(plain, PASSPHRASE);
            case "passphrase-uncompressed" -> gpg.encryptSymmetric(plain, PASSPHRASE, "--compress-algo", "none");
            default -> gpg.encryptTo(plain, RSA_EMAIL);
        };
        int length = encrypted.length;
        for (int cutAt : new int[] {1, 2, 10, 20, 40, 100, 400, 1000, length / 3, length / 2, length - 8200,
                length - 100, length - 23, length - 22, length - 21, length - 2, length - 1}) {
            BackupException e = failure(Arrays.copyOf(encrypted, cutAt), key);
            assertTrue(List.of(OpenPgpDecryption.TRUNCATED, OpenPgpDecryption.TRUNCATED_HEADERS,
                            OpenPgpDecryption.INTEGRITY_FAILED, OpenPgpDecryption.CORRUPT).contains(e.getMessage()),
                    "cut at " + cutAt + " of " + length + ": " + e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"zip", "none"})
    void oneFlippedByteInTheMiddleFails(String compression) throws IOException {
        byte[] plain = randomBytes(1024 * 1024, 10);
        byte[] encrypted = gpg.encryptSymmetric(plain, PASSPHRASE, "--compress-algo", compression);
        byte[] flipped = encrypted.clone();
        flipped[flipped.length / 2] ^= 0x01;

        BackupException e = failure(flipped, DecryptionKey.passphrase(PASSPHRASE));
        assertTrue(e.getMessage().contains("the backup is corrupt or was tampered with")
                || e.getMessage().equals(OpenPgpDecryption.CORRUPT), e.getMessage());
        // without compression the MDC usually tells; but CFB garbles the next 16 bytes at random, and when those hold
        // a length header of gpg's chunked literal data, the packet structure breaks first: refused either way
        assertTrue(List.of(OpenPgpDecryption.INTEGRITY_FAILED, OpenPgpDecryption.CORRUPT).contains(e.getMessage()),
                e.getMessage());
    }

    @Test
    void aFlippedByteAnywhereFails() throws IOException {
        byte[] plain = randomBytes(30_000, 14);
        byte[] encrypted = gpg.encryptTo(plain, RSA_EMAIL);
        int length = encrypted.length;
        // the session key packet, the first block and its check bytes, the data, the MDC at the end
        for (int at : new int[] {20, 100, 300, 420, length / 2, length - 30, length - 21, length - 10, length - 1}) {
            byte[] flipped = encrypted.clone();
            flipped[at] ^= 0x40;
            BackupException e = failure(flipped, rsaKey);
            assertFalse(e.getMessage().isBlank());
        }
    }

    /**
     * A reader that takes exactly all of the plaintext and never asks for the end — as gunzip stops after its trailer —
     * still gets the integrity check: the last byte is only handed out once the MDC matched.
     */
    @Test
    void theLastByteWaitsForTheIntegrityCheck() throws IOException {
        byte[] tgz = gzip(randomBytes(500_000, 17));
        byte[] encrypted = gpg.encryptSymmetric(tgz, PASSPHRASE, "--compress-algo", "none");
        byte[] tampered = encrypted.clone();
        tampered[tampered.length - 3] ^= 0x01; // in the MDC: all the plaintext decrypts as it should

        try (InputStream in = OpenPgpDecryption.decrypt(new ByteArrayInputStream(encrypted),
                DecryptionKey.passphrase(PASSPHRASE))) {
            assertArrayEquals(tgz, in.readNBytes(tgz.length));
        }
        try (InputStream in = OpenPgpDecryption.decrypt(new ByteArrayInputStream(tampered),
                DecryptionKey.passphrase(PASSPHRASE))) {
            assertArrayEquals(Arrays.copyOf(tgz, tgz.length - 1), in.readNBytes(tgz.length - 1));
            assertEquals(OpenPgpDecryption.INTEGRITY_FAILED,
                    assertThrows(BackupException.class, in::read).getMessage());
        }
        try (InputStream in = new GZIPInputStream(OpenPgpDecryption.decrypt(new ByteArrayInputStream(tampered),
                DecryptionKey.passphrase(PASSPHRASE)))) {
            assertEquals(OpenPgpDecryption.INTEGRITY_FAILED, assertThrows(BackupException.class,
                    () -> in.transferTo(OutputStream.nullOutputStream())).getMessage());
        }
    }

    // --- the caller's own stream -----------------------------------------------------------------------------------

    @Test
    void anIOExceptionOfTheSourceComesOutUnchanged() throws IOException {
        byte[] encrypted = gpg.encryptSymmetric(randomBytes(1024 * 1024, 15), PASSPHRASE);
        IOException networkDown = new IOException("connection reset by peer");

        IOException whileReading = assertThrows(IOException.class, () -> {
            try (InputStream in = OpenPgpDecryption.decrypt(new FailingInputStream(encrypted, 500_000, networkDown),
                    DecryptionKey.passphrase(PASSPHRASE))) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        });
        assertSame(networkDown, whileReading);

        BackupException whileOpening = assertThrows(BackupException.class, () -> OpenPgpDecryption.decrypt(
                new FailingInputStream(encrypted, 5, networkDown), DecryptionKey.passphrase(PASSPHRASE)));
        assertEquals("reading the encrypted backup failed: IOException: connection reset by peer",
                whileOpening.getMessage());
        assertSame(networkDown, whileOpening.getCause());
    }

    @Test
    void failuresStayFailuresAndMessagesHoldNoSecret() throws IOException {
        byte[] encrypted = gpg.encryptSymmetric(randomBytes(100_000, 16), PASSPHRASE, "--compress-algo", "none");
        byte[] flipped = encrypted.clone();
        flipped[flipped.length - 5] ^= 0x01; // in the MDC
        try (InputStream in = OpenPgpDecryption.decrypt(new ByteArrayInputStream(flipped),
                DecryptionKey.passphrase(PASSPHRASE))) {
            BackupException first = assertThrows(BackupException.class,
                    () -> in.transferTo(OutputStream.nullOutputStream()));
            assertEquals(OpenPgpDecryption.INTEGRITY_FAILED, first.getMessage());
            assertSame(first, assertThrows(BackupException.class, in::read), "no -1 after a failed check");
        }
        BackupException wrong = failure(encrypted, DecryptionKey.passphrase("hunter2"));
        assertFalse(wrong.getMessage().contains("hunter2"));
        assertFalse(wrong.getMessage().contains(PASSPHRASE));
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private static byte[] decryptAll(byte[] encrypted, DecryptionKey key) throws IOException {
        try (InputStream in = OpenPgpDecryption.decrypt(new ByteArrayInputStream(encrypted), key)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[1000];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    /** Decrypting and reading to the end must fail with a one-line BackupException. */
    private static BackupException failure(byte[] encrypted, DecryptionKey key) {
        BackupException e = assertThrows(BackupException.class, () -> {
            try (InputStream in = OpenPgpDecryption.decrypt(new ByteArrayInputStream(encrypted), key)) {
                byte[] buffer = new byte[8192];
                while (in.read(buffer) >= 0) {
                    // to the end, where the integrity is checked
                }
            }
        });
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] compressibleBytes(int size) {
        StringBuilder text = new StringBuilder(size + 100);
        for (int i = 0; text.length() < size; i++) {
            text.append("INSERT INTO pets (id, name) VALUES (").append(i).append(", 'pet number ").append(i).append("');\n");
        }
        return text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    /** Counts the bytes read from it. */
    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = in.read();
            if (c >= 0) {
                count++;
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** Serves the first bytes of some data, then throws, as a connection that breaks. */
    private static final class FailingInputStream extends InputStream {
        private final byte[] data;
        private final int failAt;
        private final IOException failure;
        private int position;

        FailingInputStream(byte[] data, int failAt, IOException failure) {
            this.data = data;
            this.failAt = failAt;
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            if (position >= failAt) {
                throw failure;
            }
            return data[position++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (position >= failAt) {
                throw failure;
            }
            int n = Math.min(len, failAt - position);
            System.arraycopy(data, position, b, off, n);
            position += n;
            return n;
        }
    }
}
