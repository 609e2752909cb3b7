package dev.petdb.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import dev.petdb.dburl.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.ArchUtils;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL server for tests, never a mock.
 * <ul>
 *     <li>{@link #shared()}: one server per test JVM. {@code PETDB_TEST_DATABASE_URL} (a {@code postgres://} URL of a
 *     role that may create databases and roles) points at a running server; else Testcontainers runs the image
 *     Dokku's postgres plugin uses where a Docker engine answers; else an embedded PostgreSQL.</li>
 *     <li>{@link #dedicated()}: an embedded server of the test's own, which the test may {@link #stop()} and
 *     {@link #start()} again on the same port, to play a database outage.</li>
 * </ul>
 * Each test takes a fresh database with {@link #createDatabase()}, so tests never see each other's data.
 * Password authentication is enforced for every role but the admin, also on the embedded server.
 */
public final class TestPostgres {
    /** The environment variable that points tests at a running server. */
    public static final String URL_VARIABLE = "PETDB_TEST_DATABASE_URL";
    /** The image Dokku's postgres plugin runs today. */
    public static final String IMAGE = "postgres:18";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static TestPostgres shared;

    private final String kind;
    private final String host;
    private final int port;
    private final String adminUser;
    private final String adminPassword;
    private final String adminDatabase;
    private final Path embeddedDirectory;
    private EmbeddedPostgres embedded;

    private TestPostgres(String kind, String host, int port, String adminUser, String adminPassword, String adminDatabase,
                         Path embeddedDirectory, EmbeddedPostgres embedded) {
        this.kind = kind;
        this.host = host;
        this.port = port;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
        this.adminDatabase = adminDatabase;
        this.embeddedDirectory = embeddedDirectory;
        this.embedded = embedded;
    }

    /**
     * @return the server shared by all tests of this JVM, started on first use and stopped when the JVM exits
     */
    public static synchronized TestPostgres shared() {
        TestTier.requireFullSuite("PostgreSQL");
        if (shared == null) {
            shared = startShared();
        }
        return shared;
    }

    /**
     * @return a new embedded server that only the caller uses; {@link #close()} it at the end
     */
    public static TestPostgres dedicated() {
        TestTier.requireFullSuite("PostgreSQL");
        return startEmbedded();
    }

    private static TestPostgres startShared() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            return external(url);
        }
        if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return new TestPostgres("container " + IMAGE, container.getHost(), container.getMappedPort(5432),
                    container.getUsername(), container.getPassword(), container.getDatabaseName(), null, null);
        }
        TestPostgres embedded = startEmbedded();
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
        return embedded;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static TestPostgres external(String url) {
        DatabaseUrl admin = DatabaseUrl.parse(URL_VARIABLE, url);
        return new TestPostgres("server from " + URL_VARIABLE, admin.host(), admin.port(), admin.user(), admin.password(),
                admin.database(), null, null);
    }

    private static TestPostgres startEmbedded() {
        try {
            Path directory = Files.createTempDirectory("petdb-test-pg");
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            TestPostgres server = new TestPostgres("embedded", "localhost", port, "postgres", "", "postgres",
                    directory, null);
            server.embedded = server.launchEmbedded();
            server.requirePasswords();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start an embedded PostgreSQL for tests", e);
        }
    }

    /** Never "clean": zonky would delete the data on close, and a restarted server must find it again. */
    private EmbeddedPostgres launchEmbedded() throws IOException {
        return EmbeddedPostgres.builder()
                .setPgBinaryResolver(TestPostgres::firstBinaries)
                .setDataDirectory(embeddedDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("max_connections", "200")
                .setLocaleConfig("encoding", "UTF8")
                .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /**
     * The PostgreSQL binaries first on the classpath. A test that has an app's packaged jar on its classpath also
     * gets the jar's {@code libs/} through its manifest, so the same binaries appear twice, which zonky's default
     * resolver refuses; they are the same files, so the first will do.
     */
    private static InputStream firstBinaries(String system, String machineHardware) throws IOException {
        String name = ("postgres-" + system + "-" + ArchUtils.normalize(machineHardware) + ".txz")
                .toLowerCase(Locale.ROOT).replace(' ', '_');
        InputStream binaries = TestPostgres.class.getClassLoader().getResourceAsStream(name);
        if (binaries == null) {
            throw new IOException("no embedded PostgreSQL binaries " + name + " on the classpath");
        }
        return binaries;
    }

    /** initdb trusts everyone; like a real server, demand passwords from every role but the admin. */
    private void requirePasswords() throws IOException {
        Files.writeString(embeddedDirectory.resolve("pg_hba.conf"), """
                local all postgres trust
                host  all postgres 127.0.0.1/32 trust
                host  all postgres ::1/128 trust
                local all all scram-sha-256
                host  all all 127.0.0.1/32 scram-sha-256
                host  all all ::1/128 scram-sha-256
                """);
        try (Connection c = connect(adminDatabase); Statement s = c.createStatement()) {
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reload the embedded server's pg_hba.conf", e);
        }
    }

    /** @return what kind of server this is, for test output */
    public String kind() {
        return kind;
    }

    /** @return the host */
    public String host() {
        return host;
    }

    /** @return the port */
    public int port() {
        return port;
    }

    /**
     * @param database a database on this server
     * @return the admin's {@code postgres://} URL of that database
     */
    public String adminUrl(String database) {
        return url(adminUser, adminPassword, database);
    }

    /**
     * @param user     a role
     * @param password its password, may be empty
     * @param database a database
     * @return a {@code postgres://} URL as dokku-postgres writes it, user and password percent-encoded
     */
    public String url(String user, String password, String database) {
        return new DatabaseUrl(host, port, database, user, password, Map.of()).toUrlWithPassword();
    }

    /**
     * @return the name of a new, empty database on this server
     */
    public String createDatabase() {
        String name = "t" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = connect(adminDatabase); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return name;
    }

    /**
     * @param database a database on this server
     * @return a new admin connection to it
     * @throws SQLException when the server does not answer
     */
    public Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", adminUser);
        if (!adminPassword.isEmpty()) {
            properties.setProperty("password", adminPassword);
        }
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, properties);
    }

    /** Stops a {@link #dedicated()} server, as in an outage. */
    public synchronized void stop() {
        requireEmbedded();
        try {
            embedded.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a stopped {@link #dedicated()} server again, on the same port with the same data. */
    public synchronized void start() {
        requireEmbedded();
        try {
            embedded = launchEmbedded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops an embedded server and deletes its data; a no-op for others (their owner stops them). */
    public synchronized void close() {
        if (embedded == null) {
            return;
        }
        try {
            embedded.close();
        } catch (IOException e) {
            // already stopped
        }
        embedded = null;
        try {
            TestFiles.deleteRecursively(embeddedDirectory);
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }

    private void requireEmbedded() {
        if (embedded == null && embeddedDirectory == null) {
            throw new IllegalStateException("only a dedicated embedded server can be stopped and started");
        }
    }
}
