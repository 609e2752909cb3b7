package dev.petdb.backup.pgtools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import dev.petdb.dburl.DatabaseUrl;
import org.junit.jupiter.api.Test;

/** A client program learns where to connect, and none of petdb's other secrets. */
class PgClientEnvironmentTest {
    @Test
    void givesTheToolsTheConnectionAndNoOtherSecret() {
        Map<String, String> env = new HashMap<>(Map.of(
                "PATH", "/usr/bin", "LANG", "C.UTF-8", "LC_ALL", "C", "PGSSLROOTCERT", "/etc/ca.pem",
                "PGPASSWORD", "inherited", "DATABASE_URL", "postgres://u:hunter2@db/petdb",
                "AWS_SECRET_ACCESS_KEY", "s3cr3t", "AWS_ACCESS_KEY_ID", "AKIA", "BACKUP_PASSPHRASE", "pass phrase",
                "NOTIFY_URL", "https://hc-ping.example/uuid"));
        PgClientEnvironment.into(env, DatabaseUrl.parse("DATABASE_URL", "postgres://admin:pw@db.local:5433/petdb?sslmode=require"),
                "petdb", "petdb-test");
        assertEquals(new TreeMap<>(Map.ofEntries(
                Map.entry("PATH", "/usr/bin"), Map.entry("LANG", "C.UTF-8"), Map.entry("LC_ALL", "C"),
                Map.entry("PGSSLROOTCERT", "/etc/ca.pem"), Map.entry("PGHOST", "db.local"), Map.entry("PGPORT", "5433"),
                Map.entry("PGUSER", "admin"), Map.entry("PGPASSWORD", "pw"), Map.entry("PGDATABASE", "petdb"),
                Map.entry("PGSSLMODE", "require"), Map.entry("PGAPPNAME", "petdb-test"))), new TreeMap<>(env));
    }

    @Test
    void theCallerSaysWhatBecomesOfStandardOutput() throws Exception {
        PgTool psql = new PgTools(System.getenv()).require("psql");
        DatabaseUrl url = DatabaseUrl.parse("DATABASE_URL", "postgres://admin:pw@127.0.0.1:1/petdb");
        String piped = output(psql, url, PgClientEnvironment.StandardOutput.PIPE);
        assertTrue(piped.startsWith("psql (PostgreSQL) " + psql.version()), piped);
        assertEquals("", output(psql, url, PgClientEnvironment.StandardOutput.DISCARD));
    }

    private static String output(PgTool tool, DatabaseUrl url, PgClientEnvironment.StandardOutput output) throws Exception {
        Process process = PgClientEnvironment.start(List.of(tool.path().toString(), "--version"), url, "petdb",
                "petdb-test", output);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(1, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue());
        return out;
    }
}
