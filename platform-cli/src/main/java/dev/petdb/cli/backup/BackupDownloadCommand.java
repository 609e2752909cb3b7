package dev.petdb.cli.backup;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;

import dev.petdb.backup.BackupException;
import dev.petdb.backup.archive.BackupArchive;
import dev.petdb.backup.archive.DecryptionKey;
import dev.petdb.backup.catalog.Backup;
import dev.petdb.cli.CliContext;
import dev.petdb.cli.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code petdb backup download KEY [--output PATH]}: the backup's pg_dump archive as a file, for plain pg_restore.
 */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = {"Write a backup's pg_dump archive (decrypted and unpacked: dokku's backup/export, which pg_restore "
                + "reads) to a file only its owner can read, after the whole backup passed the checks of verify.",
                "Prints the file's path."})
public final class BackupDownloadCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "KEY", description = "The backup's key (see petdb backup list).")
    private String key;

    @Option(names = "--output", paramLabel = "PATH",
            description = "Where to write it (default: the key's file name, .dump instead of .tgz[.gpg], here).")
    private Path output;

    @Option(names = "--force", description = "Overwrite the file if it exists.")
    private boolean force;

    BackupDownloadCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path target = (output != null ? output : Path.of(defaultName(key))).toAbsolutePath().normalize();
        refuseExisting(target);
        DecryptionKey decryption = BackupKeys.fromEnvironment(context).orElse(null);
        BackupCatalogs.withCatalog(context, catalog -> {
            Backup backup = catalog.named(key);
            BackupKeys.require(backup, decryption);
            Path partial = createPartial(target);
            Thread removeOnExit = new Thread(() -> deleteQuietly(partial), "petdb-remove-partial-download");
            Runtime.getRuntime().addShutdownHook(removeOnExit);
            try {
                try (InputStream content = catalog.store().open(backup.key());
                     FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                    FailureKeeping file = new FailureKeeping(Channels.newOutputStream(channel));
                    BackupArchive.read(content, backup.encrypted(), decryption, file);
                    file.rethrow();
                    channel.force(true); // on disk before it takes the final name
                }
                refuseExisting(target); // made meanwhile
                if (force) {
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                throw CliException.failure("writing " + target + " failed: " + e.getMessage(), e);
            } finally {
                deleteQuietly(partial);
                try {
                    Runtime.getRuntime().removeShutdownHook(removeOnExit);
                } catch (IllegalStateException e) {
                    // shutting down: the hook runs or ran
                }
            }
            return null;
        });
        context.err().println("pg_restore --list " + target + " shows what it holds");
        context.out().println(target);
        return 0;
    }

    /** {@code 2025-07-20/postgres-petdb-2025-07-23-03-00-02.tgz.gpg} gives {@code postgres-petdb-2025-07-23-03-00-02.dump}. */
    static String defaultName(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        name = name.endsWith(".gpg") ? name.substring(0, name.length() - 4) : name;
        name = name.endsWith(".tgz") ? name.substring(0, name.length() - 4) : name;
        if (name.isEmpty() || name.startsWith(".")) {
            throw CliException.usage("cannot name a file after " + key + ": give --output PATH");
        }
        return name + ".dump";
    }

    private void refuseExisting(Path target) {
        if (!force && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw CliException.failure(target + " exists; add --force to overwrite it");
        }
        if (Files.isDirectory(target)) {
            throw CliException.failure(target + " is a folder; give --output a file's path");
        }
    }

    /** An empty file beside the target, readable by its owner only from the start: it will hold every row. */
    private static Path createPartial(Path target) {
        try {
            return Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".partial",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            throw CliException.failure("cannot create a file beside " + target + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw CliException.failure("cannot write to " + target.getParent() + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // it is a hidden .partial file; nothing else to do
        }
    }

    /** The archive reader drops a copy that fails and goes on checking; this remembers the failure to report it. */
    private static final class FailureKeeping extends FilterOutputStream {
        private IOException failure;

        FailureKeeping(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            try {
                out.write(buffer, offset, length);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void close() {
            // the channel is closed by its owner, after it is forced to disk
        }

        void rethrow() throws IOException {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
