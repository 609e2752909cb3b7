package dev.petdb.backup.archive;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.bcpg.SecretKeyPacket;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPPBEEncryptedData;
import org.bouncycastle.openpgp.PGPPadding;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.PBESecretKeyDecryptor;
import org.bouncycastle.openpgp.operator.bc.BcPBEDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;

import dev.petdb.backup.BackupException;

/**
 * Decrypts an encrypted dokku backup, as {@code gpg --symmetric} (a passphrase) or {@code gpg --encrypt --recipient}
 * (a public key) wrote it, binary or ASCII-armored, compressed or not, as a stream with bounded memory. The returned
 * stream checks the backup's integrity at its end: read it to {@code -1} before trusting what it gave. Bad backups and
 * wrong keys are {@link BackupException}s with the messages below; an IOException of the caller's stream comes out
 * unchanged. Why it reads the stream this way (the held-back last byte, the two kinds of failure): see the
 * {@linkplain dev.petdb.backup.archive package notes}.
 */
public final class OpenPgpDecryption {

    static final String EMPTY = "the encrypted backup is empty: it is not a valid OpenPGP message";
    static final String NOT_OPENPGP = "the encrypted backup is not a valid OpenPGP message";
    static final String NOT_ENCRYPTED_GZIP =
            "the backup is not encrypted: it is a plain gzip stream (.tgz), not an OpenPGP message";
    static final String NOT_ENCRYPTED_OPENPGP = "the backup is an OpenPGP message but it is not encrypted";
    static final String NOT_INTEGRITY_PROTECTED = "the encrypted backup is not integrity-protected (no MDC):"
            + " refusing it, as tampering could not be detected; encrypt it with a current gpg";
    static final String WRONG_PASSPHRASE = "wrong passphrase for the encrypted backup";
    static final String NEEDS_PASSPHRASE = "the encrypted backup is encrypted with a passphrase: it needs the passphrase ("
            + DecryptionKey.PASSPHRASE + " or " + DecryptionKey.PASSPHRASE_FILE + "), not a secret key";
    static final String TRUNCATED_HEADERS = "the encrypted backup is truncated: it ends inside its OpenPGP headers";
    static final String TRUNCATED = "the encrypted backup is truncated: it ends before its encrypted data does";
    static final String CORRUPT = "the encrypted backup is corrupt or was tampered with:"
            + " its decrypted data is not valid OpenPGP data";
    static final String INTEGRITY_FAILED =
            "the encrypted backup's integrity check failed: the backup is corrupt or was tampered with";

    private OpenPgpDecryption() {
    }

    /**
     * The plaintext of an encrypted backup, as a stream that checks the backup's integrity at its end (read it to
     * {@code -1} before trusting it); for one reader in one pass, without mark/reset.
     *
     * @param encrypted the encrypted backup, read once, from its start; closed when the returned stream is closed,
     *                  not when this method fails
     * @param key       the passphrase or the secret key
     * @return the plaintext (for a dokku backup: the {@code .tgz} stream)
     * @throws BackupException when the headers are not those of an encrypted OpenPGP message, the key does not fit,
     *                         or {@code encrypted} throws an IOException while the headers are read (then the cause)
     */
    public static InputStream decrypt(InputStream encrypted, DecryptionKey key) {
        Objects.requireNonNull(encrypted, "encrypted");
        Objects.requireNonNull(key, "key");
        try {
            return open(new Source(encrypted), key);
        } catch (IOException e) {
            // only the caller's own stream throws an IOException this far: every other one became a BackupException
            throw new BackupException("reading the encrypted backup failed: " + describe(e), e);
        }
    }

    private static InputStream open(Source source, DecryptionKey key) throws IOException {
        PGPEncryptedDataList list;
        try {
            list = readEncryptedDataList(source);
        } catch (IOException | RuntimeException e) {
            throw headerFailure(source, e);
        }

        if (list.isEmpty()) {
            throw new BackupException(NOT_OPENPGP + ": it has no passphrase or public-key session packet");
        }
        PGPEncryptedData first = list.get(0);
        if (!first.isIntegrityProtected() && !first.isAEAD()) {
            throw new BackupException(NOT_INTEGRITY_PROTECTED);
        }

        Opened opened = switch (key) {
            case DecryptionKey.Passphrase passphrase -> openWithPassphrase(source, list, passphrase);
            case DecryptionKey.SecretKey secretKey -> openWithSecretKey(source, list, secretKey);
        };

        InputStream literal;
        try {
            literal = literalData(opened);
        } catch (IOException | RuntimeException e) {
            throw streamFailure(source, e);
        }
        return new DecryptedStream(source, opened.data(), literal);
    }

    private record Opened(PGPEncryptedData data, InputStream clear) {
    }

    private static PGPEncryptedDataList readEncryptedDataList(Source source) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(source, 8192);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        if (b0 < 0) {
            throw new BackupException(EMPTY);
        }
        if (b0 == 0x1f && b1 == 0x8b) {
            throw new BackupException(NOT_ENCRYPTED_GZIP);
        }
        // gpg --armor starts with "-----BEGIN PGP MESSAGE-----"; a binary OpenPGP packet starts with its high bit set
        InputStream in = b0 == '-' ? new ArmoredInputStream(buffered) : buffered;
        BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
        while (true) {
            Object object = factory.nextObject();
            if (object instanceof PGPEncryptedDataList list) {
                return list;
            } else if (object instanceof PGPMarker || object instanceof PGPPadding) {
                continue;
            } else if (object == null) {
                throw new BackupException(NOT_OPENPGP + ": it holds no encrypted data");
            } else if (object instanceof PGPLiteralData || object instanceof PGPCompressedData
                    || object instanceof PGPOnePassSignatureList || object instanceof PGPSignatureList) {
                throw new BackupException(NOT_ENCRYPTED_OPENPGP);
            } else if (object instanceof PGPPublicKeyRing || object instanceof PGPSecretKeyRing) {
                throw new BackupException(NOT_OPENPGP + ": it is an OpenPGP key");
            } else {
                throw new BackupException(NOT_OPENPGP);
            }
        }
    }

    private static Opened openWithPassphrase(Source source, PGPEncryptedDataList list,
                                             DecryptionKey.Passphrase key) throws IOException {
        List<PGPPBEEncryptedData> candidates = new ArrayList<>();
        List<String> recipients = new ArrayList<>();
        for (PGPEncryptedData data : list) {
            if (data instanceof PGPPBEEncryptedData pbe) {
                candidates.add(pbe);
            } else if (data instanceof PGPPublicKeyEncryptedData pk) {
                recipients.add(recipient(pk.getKeyIdentifier()));
            }
        }
        if (candidates.isEmpty()) {
            throw new BackupException("the encrypted backup is encrypted to a public key (key id "
                    + String.join(", ", recipients) + "): it needs that secret key (" + DecryptionKey.SECRET_KEY_FILE
                    + "), not a passphrase");
        }
        char[] passphrase = key.passphrase();
        try {
            Exception last = null;
            for (PGPPBEEncryptedData candidate : candidates) {
                try {
                    InputStream clear = candidate.getDataStream(
                            new BcPBEDataDecryptorFactory(passphrase, new BcPGPDigestCalculatorProvider()));
                    return new Opened(candidate, clear);
                } catch (PGPException | RuntimeException e) {
                    // a wrong passphrase fails gpg's check bytes (PGPDataValidationException) or yields a session
                    // key that makes no sense; reading past the end of the input is a truncation, not a passphrase
                    IOException io = ioCause(e);
                    if (io != null || source.failure != null) {
                        throw streamFailure(source, io != null ? io : e);
                    }
                    last = e;
                }
            }
            throw new BackupException(WRONG_PASSPHRASE, last);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    private static Opened openWithSecretKey(Source source, PGPEncryptedDataList list,
                                            DecryptionKey.SecretKey key) throws IOException {
        List<PGPPublicKeyEncryptedData> candidates = new ArrayList<>();
        for (PGPEncryptedData data : list) {
            if (data instanceof PGPPublicKeyEncryptedData pk) {
                candidates.add(pk);
            }
        }
        if (candidates.isEmpty()) {
            throw new BackupException(NEEDS_PASSPHRASE);
        }
        PGPSecretKeyRingCollection keys = key.keys();
        char[] passphrase = key.passphrase();
        try {
            boolean matched = false;
            for (PGPPublicKeyEncryptedData candidate : candidates) {
                KeyIdentifier recipient = candidate.getKeyIdentifier();
                for (PGPSecretKey secretKey : secretKeysFor(keys, recipient)) {
                    matched = true;
                    PGPKeyPair keyPair = new PGPKeyPair(secretKey.getPublicKey(), privateKey(secretKey, passphrase));
                    try {
                        return new Opened(candidate,
                                candidate.getDataStream(new BcPublicKeyDataDecryptorFactory(keyPair)));
                    } catch (PGPException | RuntimeException e) {
                        IOException io = ioCause(e);
                        if (io != null || source.failure != null) {
                            throw streamFailure(source, io != null ? io : e);
                        }
                        if (!recipient.isWildcard()) {
                            throw new BackupException("cannot decrypt the session key of the encrypted backup with"
                                    + " the secret key " + hex(secretKey.getKeyIdentifier().getKeyId())
                                    + ": the backup is corrupt or was tampered with", e);
                        }
                        // an anonymous recipient (gpg --throw-keyids): try the next key
                    }
                }
            }
            List<String> recipients = candidates.stream().map(c -> recipient(c.getKeyIdentifier())).toList();
            if (matched) {
                throw new BackupException("none of the secret keys " + secretKeyIds(keys)
                        + " decrypts the encrypted backup (encrypted to " + String.join(", ", recipients) + ")");
            }
            throw new BackupException("the encrypted backup is encrypted to key id " + String.join(", ", recipients)
                    + ", but the secret key holds " + String.join(", ", secretKeyIds(keys)));
        } finally {
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
        }
    }

    private static List<PGPSecretKey> secretKeysFor(PGPSecretKeyRingCollection keys, KeyIdentifier recipient) {
        List<PGPSecretKey> found = new ArrayList<>();
        for (PGPSecretKeyRing ring : keys) {
            for (PGPSecretKey secretKey : ring) {
                if (recipient.isWildcard()
                        ? secretKey.getPublicKey().isEncryptionKey() && !secretKey.isPrivateKeyEmpty()
                        : recipient.matches(secretKey.getKeyIdentifier())) {
                    found.add(secretKey);
                }
            }
        }
        return found;
    }

    private static PGPPrivateKey privateKey(PGPSecretKey secretKey, char[] passphrase) {
        String id = hex(secretKey.getKeyIdentifier().getKeyId());
        if (secretKey.isPrivateKeyEmpty()) {
            throw new BackupException("the secret key " + id + " has no secret part: it is a stub"
                    + " (gpg exports one for a key kept on a smartcard or removed from the keyring)");
        }
        PBESecretKeyDecryptor decryptor = null;
        if (secretKey.getS2KUsage() != SecretKeyPacket.USAGE_NONE) {
            if (passphrase == null) {
                throw new BackupException("the secret key " + id + " is protected by a passphrase, but none was given ("
                        + DecryptionKey.SECRET_KEY_PASSPHRASE + ")");
            }
            decryptor = new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider()).build(passphrase);
        }
        try {
            PGPPrivateKey privateKey = secretKey.extractPrivateKey(decryptor);
            if (privateKey == null) {
                throw new BackupException("the secret key " + id + " has no secret part");
            }
            return privateKey;
        } catch (PGPException | RuntimeException e) {
            if (e instanceof BackupException backupException) {
                throw backupException;
            }
            throw new BackupException(decryptor == null ? "cannot read the secret key " + id
                    : "wrong passphrase for the secret key " + id, e);
        }
    }

    /** The literal data inside the decrypted stream, through compression, one-pass signatures and markers. */
    private static InputStream literalData(Opened opened) throws IOException {
        BcPGPObjectFactory factory = new BcPGPObjectFactory(opened.clear());
        while (true) {
            Object object = factory.nextObject();
            if (object instanceof PGPLiteralData literal) {
                return literal.getInputStream();
            } else if (object instanceof PGPCompressedData compressed) {
                try {
                    factory = new BcPGPObjectFactory(compressed.getDataStream());
                } catch (PGPException e) {
                    throw new BackupException(CORRUPT, e);
                }
            } else if (object instanceof PGPOnePassSignatureList || object instanceof PGPSignatureList
                    || object instanceof PGPMarker || object instanceof PGPPadding) {
                continue;
            } else if (object == null) {
                // nothing decrypted: either the data was cut short, which the MDC tells, or it is really empty
                throw new BackupException(verify(opened.data())
                        ? "the encrypted backup decrypts to nothing: it holds no literal data" : INTEGRITY_FAILED);
            } else {
                throw new BackupException(CORRUPT);
            }
        }
    }

    private static boolean verify(PGPEncryptedData data) throws IOException {
        try {
            return data.verify();
        } catch (PGPException e) {
            throw new BackupException(NOT_INTEGRITY_PROTECTED, e);
        }
    }

    /**
     * The plaintext, checking the MDC when it ends. It always holds back the last byte it has read until it knows
     * whether more follows, and hands out the very last byte of the plaintext only once the MDC has been checked: a
     * reader that takes all the plaintext (gunzip must, for its trailer) cannot finish before the check, even if it
     * never asks for the {@code -1}. Exceptions are kept: once it failed, every read fails the same.
     */
    private static final class DecryptedStream extends InputStream {
        private static final int BUFFER_SIZE = 32 * 1024;

        private final Source source;
        private final PGPEncryptedData data;
        private final InputStream literal;
        private final byte[] buffer = new byte[BUFFER_SIZE];
        private int position;
        private int limit;
        /** The literal data ended and the MDC matched: what is left in the buffer is all there is, and trusted. */
        private boolean verified;
        private BackupException failure;

        DecryptedStream(Source source, PGPEncryptedData data, InputStream literal) {
            this.source = source;
            this.data = data;
            this.literal = literal;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n;
            do {
                n = read(one, 0, 1);
            } while (n == 0);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (failure != null) {
                throw failure;
            }
            if (len == 0) {
                return 0;
            }
            try {
                // at least two bytes, or the verified end: one to hand out, one to hold back
                while (!verified && limit - position < 2) {
                    fill();
                }
            } catch (BackupException e) {
                failure = e;
                throw e;
            } catch (IOException | RuntimeException e) {
                failure = streamFailure(source, e);
                throw failure;
            }
            int ready = verified ? limit - position : limit - position - 1;
            if (ready == 0) {
                return -1;
            }
            int n = Math.min(len, ready);
            System.arraycopy(buffer, position, b, off, n);
            position += n;
            return n;
        }

        private void fill() throws IOException {
            if (position > 0) {
                System.arraycopy(buffer, position, buffer, 0, limit - position);
                limit -= position;
                position = 0;
            }
            int n = literal.read(buffer, limit, buffer.length - limit);
            if (n > 0) {
                limit += n;
            } else if (n < 0) {
                if (!verify(data)) {
                    throw new BackupException(INTEGRITY_FAILED);
                }
                verified = true;
            }
        }

        @Override
        public int available() {
            return failure != null ? 0 : verified ? limit - position : Math.max(0, limit - position - 1);
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
    }

    /**
     * The caller's stream, remembering whether it ended and what it threw, to tell a truncated backup and a failing
     * transport from a corrupt backup.
     */
    private static final class Source extends FilterInputStream {
        private boolean eof;
        private Exception failure;

        Source(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                int c = in.read();
                if (c < 0) {
                    eof = true;
                }
                return c;
            } catch (IOException | RuntimeException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = in.read(b, off, len);
                if (n < 0) {
                    eof = true;
                }
                return n;
            } catch (IOException | RuntimeException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return in.skip(n);
            } catch (IOException | RuntimeException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    /** A failure while reading the headers: the source's own, or a BackupException. */
    private static BackupException headerFailure(Source source, Exception e) throws IOException {
        rethrowSourceFailure(source);
        if (e instanceof BackupException backupException) {
            return backupException;
        }
        if (source.eof && hasCause(e, EOFException.class)) {
            return new BackupException(TRUNCATED_HEADERS, e);
        }
        return new BackupException(NOT_OPENPGP, e);
    }

    /** A failure while reading the encrypted data: the source's own, or a BackupException. */
    private static BackupException streamFailure(Source source, Exception e) throws IOException {
        rethrowSourceFailure(source);
        if (e instanceof BackupException backupException) {
            return backupException;
        }
        if (hasCause(e, InvalidCipherTextException.class)) {
            return new BackupException(INTEGRITY_FAILED, e); // an AEAD tag that does not match
        }
        if (source.eof && hasCause(e, EOFException.class)) {
            return new BackupException(TRUNCATED, e);
        }
        return new BackupException(CORRUPT, e);
    }

    private static void rethrowSourceFailure(Source source) throws IOException {
        if (source.failure instanceof IOException io) {
            throw io;
        }
        if (source.failure instanceof RuntimeException runtime) {
            throw runtime;
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static IOException ioCause(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    /**
     * The secret keys in an export ({@code gpg --export-secret-keys}, armored or binary).
     *
     * @param subject what the key is, for the messages: "the secret key", "BACKUP_SECRET_KEY_FILE (/path)"
     */
    static PGPSecretKeyRingCollection readSecretKeys(byte[] key, String subject) {
        List<PGPSecretKeyRing> rings = new ArrayList<>();
        boolean publicKey = false;
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(key))) {
            BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
            Object object;
            while ((object = factory.nextObject()) != null) {
                if (object instanceof PGPSecretKeyRing ring) {
                    rings.add(ring);
                } else if (object instanceof PGPPublicKeyRing) {
                    publicKey = true;
                } else if (!(object instanceof PGPMarker || object instanceof PGPPadding)) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new BackupException(subject + " is not an OpenPGP secret key"
                    + " (export it with gpg --export-secret-keys --armor KEYID)", e);
        }
        if (rings.isEmpty()) {
            throw new BackupException(subject + (publicKey ? " is a public key, not the secret key"
                    : " holds no OpenPGP secret key") + " (export it with gpg --export-secret-keys --armor KEYID)");
        }
        return new PGPSecretKeyRingCollection(rings);
    }

    /** The ids of all secret keys and subkeys, as 16 upper-case hex digits. */
    static List<String> secretKeyIds(PGPSecretKeyRingCollection keys) {
        List<String> ids = new ArrayList<>();
        for (Iterator<PGPSecretKeyRing> rings = keys.getKeyRings(); rings.hasNext(); ) {
            for (PGPSecretKey secretKey : rings.next()) {
                ids.add(hex(secretKey.getKeyIdentifier().getKeyId()));
            }
        }
        return ids;
    }

    private static String recipient(KeyIdentifier id) {
        return id.isWildcard() ? "an anonymous recipient (gpg --throw-keyids)" : hex(id.getKeyId());
    }

    /** An IOException of the caller's stream, on one line: its type and message (a transport's, not a secret). */
    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.replaceAll("\\s+", " ").strip());
    }

    private static String hex(long keyId) {
        return String.format("%016X", keyId);
    }
}
