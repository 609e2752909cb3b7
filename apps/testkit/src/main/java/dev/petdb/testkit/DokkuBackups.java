package dev.petdb.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;


/**
 * Backups made exactly as dokku-postgres makes them, with the real tools: {@code pg_dump -Fc --no-acl --no-owner}
 * into {@code backup/export}, {@code tar --create --gzip} of {@code backup/}, and optionally
 * {@code gpg --symmetric --cipher-algo AES256}.
 */
public final class DokkuBackups {
    private DokkuBackups() {
    }

    /** The pg_dump custom-format archive of a database, as bytes. */
    public static byte[] pgDump(TestPostgres server, String database, String... extraOptions) throws IOException {
        Path dir = Files.createTempDirectory("dump");
        Path file = dir.resolve("export");
        List<String> command = new ArrayList<>(List.of("pg_dump", "-h", server.host(), "-p", String.valueOf(server.port()),
                "-U", "postgres", "-Fc", "--no-acl", "--no-owner", "-f", file.toString()));
        command.addAll(List.of(extraOptions));
        command.add(database);
        run(command, dir);
        return Files.readAllBytes(file);
    }

    /** A dokku backup ({@code .tgz}) of a database. */
    public static byte[] tgz(TestPostgres server, String database) throws IOException {
        Path dir = Files.createTempDirectory("backup");
        Files.createDirectories(dir.resolve("backup"));
        Files.write(dir.resolve("backup/export"), pgDump(server, database));
        Path tgz = dir.resolve("out.tgz");
        run(List.of("tar", "--create", "--gzip", "--file", tgz.toString(), "backup/"), dir);
        return Files.readAllBytes(tgz);
    }

    /** A dokku backup encrypted with a passphrase ({@code .tgz.gpg}). */
    public static byte[] tgzGpg(TestPostgres server, String database, String passphrase) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("gpg");
        Path home = Files.createDirectories(dir.resolve("gnupg"));
        home.toFile().setReadable(false, false);
        home.toFile().setReadable(true, true);
        home.toFile().setExecutable(true, true);
        Path plain = dir.resolve("plain.tgz");
        Files.write(plain, tgz(server, database));
        Path encrypted = dir.resolve("out.tgz.gpg");
        List<String> command = List.of("gpg", "--homedir", home.toString(), "--batch", "--no-tty", "--quiet",
                "--pinentry-mode", "loopback", "--symmetric", "--cipher-algo", "AES256", "--passphrase", passphrase,
                "--output", encrypted.toString(), plain.toString());
        try {
            run(command, dir);
            return Files.readAllBytes(encrypted);
        } finally {
            // gpg starts an agent for its home; stop it, so tests leave no daemons behind
            new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "all").start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void run(List<String> command, Path dir) throws IOException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(command.getFirst() + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
