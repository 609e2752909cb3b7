package dev.petdb.backup.archive;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.petdb.backup.BackupException;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;

/**
 * What decrypts an encrypted dokku backup ({@code .tgz.gpg}): the passphrase given to
 * {@code dokku postgres:backup-set-encryption} ({@link Passphrase}), or the secret key whose public half was given to
 * {@code dokku postgres:backup-set-public-key-encryption} ({@link SecretKey}, as {@code gpg --export-secret-keys} writes
 * it, armored or binary, with the passphrase that protects it, if any).
 * <p>
 * Both hold copies of the secrets they are given, and their accessors hand out copies; {@code toString} never shows a
 * secret (a secret key's key ids are shown: they are public).
 */
public sealed interface DecryptionKey permits DecryptionKey.Passphrase, DecryptionKey.SecretKey {

    /** The environment variable holding the backup passphrase itself. */
    String PASSPHRASE = "BACKUP_PASSPHRASE";
    /** The environment variable naming a file that holds the backup passphrase (a trailing newline is dropped). */
    String PASSPHRASE_FILE = "BACKUP_PASSPHRASE_FILE";
    /** The environment variable naming a file with the secret key, as {@code gpg --export-secret-keys --armor} writes it. */
    String SECRET_KEY_FILE = "BACKUP_SECRET_KEY_FILE";
    /** The environment variable holding the passphrase that protects the secret key, when it is protected. */
    String SECRET_KEY_PASSPHRASE = "BACKUP_SECRET_KEY_PASSPHRASE";

    /** Files larger than this are not a passphrase or an exported key: refused rather than read. */
    long MAX_FILE_SIZE = 1024 * 1024;

    /**
     * A passphrase that decrypts backups made with {@code gpg --symmetric}.
     *
     * @param passphrase not empty
     */
    static Passphrase passphrase(String passphrase) {
        return new Passphrase(Objects.requireNonNull(passphrase, "passphrase").toCharArray());
    }

    /**
     * A passphrase that decrypts backups made with {@code gpg --symmetric}.
     *
     * @param passphrase not empty; copied
     */
    static Passphrase passphrase(char[] passphrase) {
        return new Passphrase(passphrase);
    }

    /**
     * A secret key that is not protected by a passphrase.
     *
     * @param key an exported secret key (or several), armored or binary; copied
     * @throws BackupException when the bytes hold no OpenPGP secret key
     */
    static SecretKey secretKey(byte[] key) {
        return new SecretKey(key, null);
    }

    /**
     * A secret key with the passphrase that protects it.
     *
     * @param key        an exported secret key (or several), armored or binary; copied
     * @param passphrase the passphrase of the key, or {@code null} when it has none; copied
     * @throws BackupException when the bytes hold no OpenPGP secret key
     */
    static SecretKey secretKey(byte[] key, char[] passphrase) {
        return new SecretKey(key, passphrase);
    }

    /**
     * The decryption key configured in the environment, if any:
     * <ul>
     * <li>{@value #PASSPHRASE}: the passphrase itself, or {@value #PASSPHRASE_FILE}: a file holding it (UTF-8; trailing
     * line breaks are dropped), not both;</li>
     * <li>or {@value #SECRET_KEY_FILE}: a file with the exported secret key, with {@value #SECRET_KEY_PASSPHRASE} when
     * that key is protected by a passphrase.</li>
     * </ul>
     * A variable set to the empty string counts as unset.
     *
     * @return empty when none of these variables is set
     * @throws BackupException naming the variable (and the file's path, never its content) when a file cannot be read,
     *                         is empty or holds no secret key, or when the variables contradict each other
     */
    static Optional<DecryptionKey> fromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        String passphrase = nonEmpty(env, PASSPHRASE);
        String passphraseFile = nonEmpty(env, PASSPHRASE_FILE);
        String keyFile = nonEmpty(env, SECRET_KEY_FILE);
        String keyPassphrase = nonEmpty(env, SECRET_KEY_PASSPHRASE);

        if (passphrase != null && passphraseFile != null) {
            throw new BackupException("set " + PASSPHRASE + " or " + PASSPHRASE_FILE + ", not both");
        }
        boolean hasPassphrase = passphrase != null || passphraseFile != null;
        if (hasPassphrase && keyFile != null) {
            throw new BackupException("set either a passphrase (" + PASSPHRASE + " or " + PASSPHRASE_FILE
                    + ") or a secret key (" + SECRET_KEY_FILE + "), not both");
        }
        if (keyPassphrase != null && keyFile == null) {
            throw new BackupException(SECRET_KEY_PASSPHRASE + " is set but " + SECRET_KEY_FILE + " is not");
        }

        if (passphrase != null) {
            return Optional.of(passphrase(passphrase));
        }
        if (passphraseFile != null) {
            char[] chars = readPassphraseFile(PASSPHRASE_FILE, passphraseFile);
            try {
                return Optional.of(new Passphrase(chars));
            } finally {
                Arrays.fill(chars, '\0');
            }
        }
        if (keyFile != null) {
            byte[] key = readFile(SECRET_KEY_FILE, keyFile);
            char[] keyPass = keyPassphrase == null ? null : keyPassphrase.toCharArray();
            try {
                return Optional.of(new SecretKey(key, keyPass, SECRET_KEY_FILE + " (" + keyFile + ")"));
            } finally {
                Arrays.fill(key, (byte) 0);
                if (keyPass != null) {
                    Arrays.fill(keyPass, '\0');
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The passphrase given to {@code dokku postgres:backup-set-encryption}.
     *
     * @param passphrase not empty; the record keeps a copy and {@link #passphrase()} returns a copy
     */
    record Passphrase(char[] passphrase) implements DecryptionKey {
        public Passphrase {
            Objects.requireNonNull(passphrase, "passphrase");
            if (passphrase.length == 0) {
                throw new BackupException("the backup passphrase is empty");
            }
            passphrase = passphrase.clone();
        }

        /** A copy of the passphrase, for the caller to wipe. */
        @Override
        public char[] passphrase() {
            return passphrase.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Passphrase that && constantTimeEquals(passphrase, that.passphrase);
        }

        @Override
        public int hashCode() {
            return Passphrase.class.hashCode();
        }

        @Override
        public String toString() {
            return "Passphrase[****]";
        }
    }

    /**
     * An exported OpenPGP secret key (one or more, as {@code gpg --export-secret-keys [--armor]} writes them) whose
     * public key backups were encrypted to, with the passphrase protecting it. Parsed once, when it is made: a
     * restore that reads the backup twice, and every message that names the key ids, use that parse. A class, not a
     * record, to hold the parsed keys beside the bytes.
     */
    final class SecretKey implements DecryptionKey {
        private final byte[] key;
        private final char[] passphrase;
        private final PGPSecretKeyRingCollection keys;

        /**
         * @param key        the exported key bytes, armored or binary; copied
         * @param passphrase the passphrase of the key, or {@code null} when the key is not protected; copied
         * @throws BackupException when the bytes hold no OpenPGP secret key
         */
        public SecretKey(byte[] key, char[] passphrase) {
            this(key, passphrase, "the secret key");
        }

        /** {@code subject} names the key in the message when it is none, e.g. "BACKUP_SECRET_KEY_FILE (/path)". */
        SecretKey(byte[] key, char[] passphrase, String subject) {
            Objects.requireNonNull(key, "key");
            this.key = key.clone();
            this.passphrase = passphrase == null || passphrase.length == 0 ? null : passphrase.clone();
            this.keys = OpenPgpDecryption.readSecretKeys(this.key, subject); // fails early, with a clear message
        }

        /** A copy of the exported key bytes. */
        public byte[] key() {
            return key.clone();
        }

        /** A copy of the key's passphrase, or {@code null} when none was given. */
        public char[] passphrase() {
            return passphrase == null ? null : passphrase.clone();
        }

        /** Whether a passphrase for the key was given. */
        public boolean hasPassphrase() {
            return passphrase != null;
        }

        /** The key ids (16 hex digits, upper case) of the secret keys and subkeys held: public, shown in messages. */
        public List<String> keyIds() {
            return OpenPgpDecryption.secretKeyIds(keys);
        }

        /** The secret keys, as parsed when this was made. */
        PGPSecretKeyRingCollection keys() {
            return keys;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SecretKey that && MessageDigest.isEqual(key, that.key)
                    && (passphrase == null ? that.passphrase == null
                    : that.passphrase != null && constantTimeEquals(passphrase, that.passphrase));
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(key);
        }

        @Override
        public String toString() {
            return "SecretKey[keyIds=" + keyIds() + ", passphrase=" + (passphrase == null ? "none" : "****") + "]";
        }
    }

    private static String nonEmpty(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    private static boolean constantTimeEquals(char[] a, char[] b) {
        if (a.length != b.length) {
            return false;
        }
        int diff = 0;
        for (int i = 0; i < a.length; i++) {
            diff |= a[i] ^ b[i];
        }
        return diff == 0;
    }

    private static char[] readPassphraseFile(String variable, String file) {
        byte[] bytes = readFile(variable, file);
        try {
            CharBuffer decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            int end = decoded.limit();
            while (end > 0 && (decoded.get(end - 1) == '\n' || decoded.get(end - 1) == '\r')) {
                end--;
            }
            char[] chars = new char[end];
            decoded.get(0, chars);
            Arrays.fill(decoded.array(), '\0');
            if (chars.length == 0) {
                throw new BackupException(variable + " (" + file + ") is empty");
            }
            return chars;
        } catch (CharacterCodingException e) {
            throw new BackupException(variable + " (" + file + ") is not UTF-8 text");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static byte[] readFile(String variable, String file) {
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            throw new BackupException("cannot read " + variable + " (" + file + "): not a valid path");
        }
        try {
            if (Files.isDirectory(path)) {
                throw new BackupException("cannot read " + variable + " (" + file + "): it is a directory");
            }
            if (Files.exists(path) && Files.size(path) > MAX_FILE_SIZE) {
                throw new BackupException("cannot read " + variable + " (" + file + "): larger than "
                        + MAX_FILE_SIZE / 1024 + " KiB, not a passphrase or an exported key");
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new BackupException("cannot read " + variable + " (" + file + "): no such file");
        } catch (AccessDeniedException e) {
            throw new BackupException("cannot read " + variable + " (" + file + "): permission denied");
        } catch (IOException e) {
            // the message of an IOException about a file names the file, never its content
            throw new BackupException("cannot read " + variable + " (" + file + "): "
                    + e.getClass().getSimpleName(), e);
        }
    }
}
