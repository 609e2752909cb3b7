package dev.petdb.backup.archive;

import java.io.FilterOutputStream;
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
import org.bouncycastle.openpgp.operator.bc.BcPBEKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;

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
        PGPEncryptedDataGenerator generator = new PGPEncryptedDataGenerator(
                new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                        .setWithIntegrityPacket(true)
                        .setSecureRandom(new SecureRandom()));
        generator.addMethod(new BcPBEKeyEncryptionMethodGenerator(passphrase));
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
