package dev.petdb.backup.archive;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.petdb.testkit.TestFiles;

import dev.petdb.testkit.TestTier;

/**
 * The real gpg binary in a throw-away GNUPGHOME (mode 700, never ~/.gnupg), run the way dokku runs it:
 * {@code --batch --no-tty --quiet}, plus {@code --pinentry-mode loopback} so that passphrases come from the command line.
 * Data goes through stdin and stdout as in dokku's pipe, so gpg does not know its length (partial-length packets).
 * When gpg is not installed, {@link #start()} skips the calling tests.
 */
final class OpenPgpTestGpg implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 120;

    private final Path home;

    private OpenPgpTestGpg(Path home) {
        this.home = home;
    }

    /** A fresh GNUPGHOME; skips the test (an assumption) when gpg cannot be run. */
    static OpenPgpTestGpg start() throws IOException {
        TestTier.requireFullSuite("gpg");
        assumeTrue(installed(), "gpg is not installed (not on the PATH): skipping the tests that need the real gpg");
        Path home = Files.createTempDirectory("petdb-gnupg",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return new OpenPgpTestGpg(home);
    }

    private static boolean installed() {
        try {
            Process process = new ProcessBuilder("gpg", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    Path home() {
        return home;
    }

    /** Runs gpg on a file as stdin, returns the file with its stdout; fails the test when gpg fails. */
    Path run(Path stdin, String... args) throws IOException {
        Path out = Files.createTempFile(home, "out", ".bin");
        Path err = Files.createTempFile(home, "err", ".txt");
        List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--no-tty",
                "--quiet", "--pinentry-mode", "loopback"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null")) : ProcessBuilder.Redirect.from(stdin.toFile()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().put("GNUPGHOME", home.toString());
        builder.environment().remove("GPG_AGENT_INFO");
        Process process = builder.start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("gpg " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (process.exitValue() != 0) {
            fail("gpg " + String.join(" ", args) + " exited with " + process.exitValue() + ": "
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        Files.delete(err);
        return out;
    }

    /** Runs gpg with bytes as stdin, returns its stdout. */
    byte[] run(byte[] stdin, String... args) throws IOException {
        Path in = Files.createTempFile(home, "in", ".bin");
        Files.write(in, stdin);
        Path out = run(in, args);
        byte[] bytes = Files.readAllBytes(out);
        Files.delete(in);
        Files.delete(out);
        return bytes;
    }

    /** As dokku's {@code backup-set-encryption}: {@code gpg --symmetric --cipher-algo AES256 --passphrase P}. */
    Path encryptSymmetric(Path plain, String passphrase, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of(extra));
        args.addAll(List.of("--symmetric", "--cipher-algo", "AES256", "--passphrase", passphrase));
        return run(plain, args.toArray(String[]::new));
    }

    byte[] encryptSymmetric(byte[] plain, String passphrase, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of(extra));
        args.addAll(List.of("--symmetric", "--cipher-algo", "AES256", "--passphrase", passphrase));
        return run(plain, args.toArray(String[]::new));
    }

    /** As dokku's {@code backup-set-public-key-encryption}: {@code gpg --encrypt --always-trust --recipient KEYID}. */
    byte[] encryptTo(byte[] plain, String recipient, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of(extra));
        args.addAll(List.of("--encrypt", "--always-trust", "--recipient", recipient));
        return run(plain, args.toArray(String[]::new));
    }

    /** {@code gpg --quick-gen-key UID ALGO default never}, with the passphrase ("" for none). */
    void generateKey(String uid, String algo, String passphrase) throws IOException {
        run((Path) null, "--passphrase", passphrase, "--quick-gen-key", uid, algo, "default", "never");
    }

    /** {@code gpg --export-secret-keys --armor}, the passphrase needed to export a protected key ("" for none). */
    byte[] exportSecretKey(String uid, String passphrase) throws IOException {
        return Files.readAllBytes(run((Path) null, "--passphrase", passphrase, "--export-secret-keys", "--armor", uid));
    }

    /** {@code gpg --export --armor}: the public key only. */
    byte[] exportPublicKey(String uid) throws IOException {
        return Files.readAllBytes(run((Path) null, "--export", "--armor", uid));
    }

    /** The key id (16 hex digits) of the encryption subkey of a key, from {@code --list-keys --with-colons}. */
    String encryptionSubkeyId(String uid) throws IOException {
        List<String> lines = Files.readAllLines(run((Path) null, "--list-keys", "--with-colons", uid));
        for (String line : lines) {
            String[] fields = line.split(":", -1);
            if (fields[0].equals("sub") && fields[11].contains("e")) {
                return fields[4].toUpperCase();
            }
        }
        throw new AssertionError("no encryption subkey for " + uid + " in " + lines);
    }

    /** Stops the gpg-agent of this home and deletes it. */
    @Override
    public void close() throws IOException {
        try {
            Process process = new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "all")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            // gpgconf missing: nothing was started that it could stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        TestFiles.deleteRecursively(home);
    }
}
