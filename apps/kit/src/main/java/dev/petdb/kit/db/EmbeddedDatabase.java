package dev.petdb.kit.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import dev.petdb.dburl.DatabaseUrl;
import dev.petdb.kit.config.StartupException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The default when no {@code DATABASE_URL} is set: a real PostgreSQL started from binaries on the classpath,
 * keeping its data in a local folder so that it survives restarts. It holds a database named {@code petdb},
 * like the Dokku service.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    /** The database inside the embedded server, named like the Dokku service. */
    public static final String DATABASE = "petdb";

    /** The lock file EmbeddedPostgres keeps in the cluster folder while its server runs. */
    private static final String LOCK_FILE = "epg-lock";

    /** How EmbeddedPostgres starts its error when no binaries jar is on the classpath. */
    private static final String MISSING_BINARIES = "Missing embedded postgres binaries";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts (and on first use creates) the embedded server.
     *
     * @param dataDir the folder for all embedded data; the cluster lives in {@code dataDir/postgres}
     * @return the running database; close it to stop the server
     */
    public static EmbeddedDatabase start(Path dataDir) {
        Path cluster = dataDir.resolve("postgres").toAbsolutePath();
        try {
            Files.createDirectories(cluster);
            if (lockedElsewhere(cluster)) {
                throw new StartupException("another process holds the embedded PostgreSQL in " + cluster
                        + ": stop it, or set PETDB_DATA_DIR to another folder");
            }
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(cluster)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "50")
                    .setLocaleConfig("encoding", "UTF8")
                    .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                    .start();
            EmbeddedDatabase database = new EmbeddedDatabase(postgres, cluster);
            database.createPetdb();
            return database;
        } catch (StartupException e) {
            throw e;
        } catch (IOException | SQLException | RuntimeException e) {
            if (e instanceof IllegalStateException && String.valueOf(e.getMessage()).startsWith(MISSING_BINARIES)) {
                throw new StartupException("this build has no embedded PostgreSQL (a deploy build, -Dpetdb.deploy, "
                        + "leaves its binaries out): set DATABASE_URL", e);
            }
            throw new StartupException("the embedded PostgreSQL in " + cluster + " did not start: " + e.getMessage(), e);
        }
    }

    /**
     * Whether a running server holds the cluster's lock file: EmbeddedPostgres would only say "could not lock", which
     * names neither the holder nor the way out. Tried once here, so a start in between still gets that error.
     */
    private static boolean lockedElsewhere(Path cluster) throws IOException {
        Path lockFile = cluster.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return false; // never started here; creating the file would make initdb refuse the folder
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException e) {
            return true; // held by this JVM, as when a test starts two apps on one folder
        }
    }

    private void createPetdb() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("CREATE DATABASE " + DATABASE);
                    }
                }
            }
        }
    }

    /**
     * @return the superuser URL of the {@code petdb} database (no password: the embedded server trusts localhost)
     */
    public DatabaseUrl url() {
        return new DatabaseUrl("localhost", postgres.getPort(), DATABASE, "postgres", "", Map.of());
    }

    /**
     * @return the folder that holds the cluster's data
     */
    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
