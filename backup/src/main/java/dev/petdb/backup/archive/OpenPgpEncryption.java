package dev.petdb.backup.archive;

import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.InputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Date;

import dev.petdb.backup.BackupException;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBEKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;

/**
 * Encrypts a stream the way {@code gpg --symmetric --cipher-algo AES256} does for dokku's
 * {@code backup-set-encryption}: AES-256, passphrase-derived key, integrity protected (MDC). gpg decrypts it.
 */
public final class OpenPgpEncryption {
    private static final int BUFFER = 1 << 16;

    private OpenPgpEncryption() {
    }

    /**
     * @param sink       where the encrypted bytes go; closed when the returned stream is closed
     * @param passphrase the passphrase
     * @return the stream to write the plain bytes to; close it to finish the message
     */
    public static OutputStream encrypt(OutputStream sink, char[] passphrase) {
        PGPEncryptedDataGenerator generator = generator();
        generator.addMethod(new BcPBEKeyEncryptionMethodGenerator(passphrase));
        return open(sink, generator);
    }

    /**
     * Like {@code gpg --encrypt --recipient KEY} for dokku's {@code backup-set-public-key-encryption}.
     *
     * @param sink      where the encrypted bytes go; closed when the returned stream is closed
     * @param publicKey an exported public key ({@code gpg --export --armor KEYID}), armored or binary
     * @return the stream to write the plain bytes to; close it to finish the message
     */
    public static OutputStream encryptTo(OutputStream sink, byte[] publicKey) {
        PGPEncryptedDataGenerator generator = generator();
        generator.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(encryptionKey(publicKey)));
        return open(sink, generator);
    }

    private static PGPPublicKey encryptionKey(byte[] exported) {
        int keys = 0;
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(exported))) {
            PGPPublicKeyRingCollection rings = new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
            for (PGPPublicKeyRing ring : rings) {
                for (PGPPublicKey key : ring) {
                    keys++;
                    if (key.isEncryptionKey() && !key.hasRevocation()) {
                        return key;
                    }
                }
            }
        } catch (IOException | PGPException | RuntimeException e) {
            keys = 0;
        }
        throw new BackupException(keys == 0
                ? "BACKUP_PUBLIC_KEY_FILE is not an OpenPGP public key (export it with gpg --export --armor KEYID)"
                : "BACKUP_PUBLIC_KEY_FILE holds no key that can encrypt");
    }

    private static PGPEncryptedDataGenerator generator() {
        return new PGPEncryptedDataGenerator(new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                .setWithIntegrityPacket(true)
                .setSecureRandom(new SecureRandom()));
    }

    private static OutputStream open(OutputStream sink, PGPEncryptedDataGenerator generator) {
        try {
            OutputStream encrypted = generator.open(sink, new byte[BUFFER]);
            PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
            OutputStream plain = literal.open(encrypted, PGPLiteralData.BINARY, "", new Date(), new byte[BUFFER]);
            return new FilterOutputStream(plain) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException { // in bulk, not byte by byte
                    plain.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    literal.close();
                    generator.close();
                    sink.close(); // not FilterOutputStream's "out", which is the literal data stream

                }
            };
        } catch (IOException | PGPException e) {
            throw new BackupException("cannot start the encryption: " + e.getMessage(), e);
        }
    }
}
