package dev.petdb.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.petdb.testkit.TestPostgres;

/**
 * Runs petdb commands in this JVM against one database of a real PostgreSQL, as an operator would with
 * {@code DATABASE_URL} set, and keeps what they printed.
 */
final class PetdbRun {
    private static final AtomicInteger APPS = new AtomicInteger();

    /** What one command did. */
    record Result(int exit, String out, String err) {
        /** @return standard error without the progress lines of downloads and uploads */
        String messages() {
            return err.lines().filter(l -> !l.startsWith("downloading ") && !l.startsWith("uploading "))
                    .map(l -> l + System.lineSeparator()).collect(java.util.stream.Collectors.joining());
        }

        /** @return the value of {@code DATABASE_URL=...} in the output */
        String databaseUrl() {
            return out.lines().filter(l -> l.startsWith("DATABASE_URL=")).map(l -> l.substring("DATABASE_URL=".length()))
                    .findFirst().orElseThrow(() -> new AssertionError("no DATABASE_URL in output:\n" + out + err));
        }
    }

    final TestPostgres server;
    final String database;
    private final Map<String, String> env = new HashMap<>();

    PetdbRun(TestPostgres server, String database) {
        this.server = server;
        this.database = database;
        env.put("DATABASE_URL", server.adminUrl(database));
        env.put("PATH", System.getenv().getOrDefault("PATH", ""));
    }

    /** No database: for commands that only need the environment given, such as the backup commands. */
    static PetdbRun withEnvironment(Map<String, String> environment) {
        return new PetdbRun(null, null, environment);
    }

    private PetdbRun(TestPostgres server, String database, Map<String, String> environment) {
        this.server = server;
        this.database = database;
        env.putAll(environment);
    }

    /** A fresh database on the shared test server. */
    static PetdbRun onNewDatabase() {
        TestPostgres server = TestPostgres.shared();
        return new PetdbRun(server, server.createDatabase());
    }

    /** App names are roles, and roles belong to the whole server: each test takes names of its own. */
    static String uniqueApp(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + APPS.incrementAndGet();
    }

    PetdbRun with(String name, String value) {
        env.put(name, value);
        return this;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Petdb.run(new CliContext(Map.copyOf(env), new PrintWriter(out), new PrintWriter(err)), args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** {@code schema create APP} with the app's URL pointing at the test server, so apps can use it. */
    Result create(String app, String... more) {
        String[] args = new String[5 + more.length];
        args[0] = "schema";
        args[1] = "create";
        args[2] = app;
        args[3] = "--app-host=" + server.host();
        args[4] = "--app-port=" + server.port();
        System.arraycopy(more, 0, args, 5, more.length);
        return run(args);
    }
}
