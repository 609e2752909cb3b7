package dev.petdb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumingThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.petdb.backup.catalog.Backup;
import dev.petdb.testkit.DokkuBackups;
import dev.petdb.testkit.HeadlessChromium;
import dev.petdb.testkit.TestPostgres;
import dev.petdb.testkit.TestS3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few weeks of nightly dokku backups (real pg_dump, tar, gpg) in a real S3 server, one night of which a table was
 * emptied and the next another dropped: {@code backup verify} run each night in order flags exactly those two nights,
 * {@code backup history} shows them from the manifests, and {@code backup prune} takes manifests with their backups.
 */
class BackupHistoryAlarmsTest {
    @TempDir
    Path reportDir;
    private static final String PASSPHRASE = "nightly passphrase";
    private static final Instant FIRST_NIGHT = Instant.parse("2026-11-01T03:00:04Z");
    private static final int NIGHTS = 15;
    private static final int EMPTIED = 8;
    private static final int DROPPED = 9;
    private static final int SMALL_SHRINK = 5;
    private static final int PRUNED_ON_PURPOSE = 11;

    /** Each night: shop grows by 20 orders, todos by 30, logs by 200 events; some nights something else happens. */
    private static void night(Statement s, int night) throws Exception {
        s.execute("INSERT INTO shop.orders SELECT " + (night - 1) * 20 + " + g FROM generate_series(1, 20) g");
        s.execute("INSERT INTO todos.todos SELECT " + (night - 1) * 30 + " + g, md5(g::text) FROM generate_series(1, 30) g");
        s.execute("INSERT INTO logs.events SELECT " + (night - 1) * 200 + " + g, 'event' FROM generate_series(1, 200) g");
        switch (night) {
            case SMALL_SHRINK -> s.execute("DELETE FROM todos.todos WHERE id % 10 < 3"); // 150 -> 105, after 120
            case EMPTIED -> s.execute("TRUNCATE shop.orders"); // 160 -> 0, after 140
            case DROPPED -> s.execute("DROP TABLE todos.users");
            case PRUNED_ON_PURPOSE -> s.execute("DELETE FROM logs.events WHERE id <= 2150"); // 2200 -> 50
            default -> {
            }
        }
    }

    private static String key(int night) {
        return "2026-11-01/" + Backup.fileName("postgres-petdb", FIRST_NIGHT.plus(Duration.ofDays(night - 1)), encrypted(night));
    }

    private static boolean encrypted(int night) {
        return night == 3 || night == 10;
    }

    private static String manifest(int night) {
        return ".petdb/manifests/" + key(night) + ".json";
    }

    @Test
    void verifyFlagsTheEmptiedAndTheDroppedNightOnlyAndHistoryShowsThem() throws Exception {
        TestPostgres server = TestPostgres.shared();
        String database = server.createDatabase();
        List<String> posts = new CopyOnWriteArrayList<>();
        HttpServer monitor = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        monitor.createContext("/ping/", exchange -> {
            posts.add(exchange.getRequestURI().getPath() + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        monitor.start();
        String pingUrl = "http://127.0.0.1:" + monitor.getAddress().getPort() + "/ping/check-uuid";
        try (TestS3 s3 = TestS3.start("petdb-backups"); Connection c = server.connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA shop");
            s.execute("CREATE TABLE shop.customers (id int)");
            s.execute("INSERT INTO shop.customers SELECT g FROM generate_series(1, 10) g");
            s.execute("CREATE TABLE shop.orders (id int)");
            s.execute("CREATE SCHEMA todos");
            s.execute("CREATE TABLE todos.todos (id int, title text)");
            s.execute("CREATE TABLE todos.users (id int)");
            s.execute("INSERT INTO todos.users SELECT g FROM generate_series(1, 20) g");
            s.execute("CREATE SCHEMA logs");
            s.execute("CREATE TABLE logs.events (id int, message text)");
            for (int night = 1; night <= NIGHTS + 1; night++) {
                night(s, night);
                s3.put(key(night), encrypted(night) ? DokkuBackups.tgzGpg(server, database, PASSPHRASE)
                        : DokkuBackups.tgz(server, database));
            }
            s3.put("notes/readme.txt", "not a backup".getBytes(StandardCharsets.UTF_8));
            PetdbRun petdb = PetdbRun.withEnvironment(s3.env("")).with("BACKUP_PASSPHRASE", PASSPHRASE);

            // the cron line, night after night; the last night's backup stays unverified
            List<Integer> flagged = new ArrayList<>();
            for (int night = 1; night <= NIGHTS; night++) {
                List<String> args = new ArrayList<>(List.of("backup", "verify", key(night), "--expect-shrink", "logs.events"));
                if (night == EMPTIED) {
                    args.addAll(List.of("--json", "--notify-url", pingUrl));
                }
                PetdbRun.Result result = petdb.run(args.toArray(String[]::new));
                assertTrue(result.exit() == 0 || result.exit() == 5, night + ": " + result.out() + result.err());
                if (result.exit() == 5) {
                    flagged.add(night);
                }
                assertTrue(s3.exists(manifest(night)), night + ": no manifest");
                if (night == 1) {
                    assertFalse(result.out().contains("compared with"), result.out());
                } else if (night != EMPTIED && night != DROPPED) {
                    assertTrue(result.out().contains("    compared with " + key(night - 1) + ": nothing vanished"), result.out());
                }
                if (night == DROPPED) {
                    assertTrue(result.out().startsWith("SUSPICIOUS  " + key(DROPPED)), result.out());
                    assertTrue(result.out().contains("    vanished since " + key(EMPTIED) + ":\n"
                            + "      table todos.users is gone (had 20 rows)\n"), result.out());
                    assertEquals("petdb: suspicious: " + key(DROPPED) + ": 1 finding since " + key(EMPTIED) + "\n",
                            result.messages());
                }
                if (night == EMPTIED) {
                    JsonNode json = new ObjectMapper().readTree(result.out());
                    assertEquals("suspicious", json.get("status").asText());
                    assertEquals(key(EMPTIED - 1), json.get("compared_with").asText());
                    assertEquals(1, json.get("findings").size(), result.out());
                    JsonNode finding = json.get("findings").get(0);
                    assertEquals("table_shrank", finding.get("kind").asText());
                    assertEquals("shop", finding.get("schema").asText());
                    assertEquals("orders", finding.get("table").asText());
                    assertEquals(140, finding.get("before").asLong());
                    assertEquals(0, finding.get("after").asLong());
                    assertEquals("table shop.orders fell from 140 to 0 rows", finding.get("text").asText());
                    assertEquals(List.of("/ping/check-uuid/5 " + result.out().strip()), posts);
                }
            }
            assertEquals(List.of(EMPTIED, DROPPED), flagged);

            PetdbRun.Result history = petdb.run("backup", "history");
            assertEquals(0, history.exit(), history.err());
            List<String> lines = history.out().lines().toList();
            assertEquals(NIGHTS + 2, lines.size(), history.out());
            assertTrue(lines.get(0).matches("TIME +SIZE +RESULT +ROWS PER SCHEMA"), lines.get(0));
            assertTrue(lines.get(1).matches("2026-11-16 03:00:04Z +\\d+\\.\\d kB +not verified"), lines.get(1));
            assertTrue(lines.get(2).matches("2026-11-15 03:00:04Z +\\d+\\.\\d kB +ok +logs 850, shop 150, todos 405"), lines.get(2));
            assertTrue(lines.get(NIGHTS + 2 - DROPPED).matches(
                    "2026-11-09 03:00:04Z +\\d+\\.\\d kB +suspicious +logs 1800, shop 30, todos 225"), lines.get(NIGHTS + 2 - DROPPED));
            assertTrue(lines.get(NIGHTS + 2 - EMPTIED).matches(
                    "2026-11-08 03:00:04Z +\\d+\\.\\d kB +suspicious +logs 1600, shop 10, todos 215"), lines.get(NIGHTS + 2 - EMPTIED));

            PetdbRun.Result orders = petdb.run("backup", "history", "--table", "shop.orders");
            List<String> orderLines = orders.out().lines().toList();
            assertTrue(orderLines.get(0).matches("TIME +RESULT +ROWS +DATA"), orderLines.get(0));
            assertTrue(orderLines.get(NIGHTS + 2 - (EMPTIED - 1)).matches("2026-11-07 03:00:04Z +ok +140 +\\d+ B"), orders.out());
            assertTrue(orderLines.get(NIGHTS + 2 - EMPTIED).matches("2026-11-08 03:00:04Z +suspicious +0 +\\d B"), orders.out());
            PetdbRun.Result users = petdb.run("backup", "history", "--table", "todos.users", "--json");
            JsonNode usersJson = new ObjectMapper().readTree(users.out());
            assertTrue(usersJson.get(0).get("rows").isNull(), users.out());
            assertEquals("not verified", usersJson.get(0).get("status").asText());
            assertTrue(usersJson.get(NIGHTS + 1 - DROPPED).get("rows").isNull(), users.out());
            assertEquals(20, usersJson.get(NIGHTS + 1 - EMPTIED).get("rows").asLong(), users.out());

            // the status page reads the same manifests: each night's verdict, rows and findings
            Path page = reportDir.resolve("index.html");
            PetdbRun.Result report = petdb.run("backup", "report", "--output", page.toString());
            assertEquals(0, report.exit(), report.err());
            String html = Files.readString(page);
            for (int night = 1; night <= NIGHTS + 1; night++) {
                String expected = night == NIGHTS + 1 ? "NOT_VERIFIED" : night == EMPTIED || night == DROPPED ? "SUSPICIOUS" : "OK";
                Matcher row = Pattern.compile("<tr class=\"[^\"]*\" data-status=\"(\\w+)\"><td>[^<]*</td><td class=\"key\">"
                        + Pattern.quote(key(night)) + "</td>(.*?)</tr>").matcher(html);
                assertTrue(row.find(), "no row for night " + night);
                assertEquals(expected, row.group(1), "night " + night);
                if (night == EMPTIED) {
                    assertTrue(row.group(2).contains("<div>table shop.orders fell from 140 to 0 rows</div>"), row.group(2));
                }
                if (night == DROPPED) {
                    assertTrue(row.group(2).contains("<div>table todos.users is gone"), row.group(2));
                }
            }
            assertTrue(html.contains("logs 850<br>shop 150<br>todos 405"), "rows per schema of the last verified night");
            // and Chromium (which .ci/run installs) shows those two nights marked in the charts
            HeadlessChromium chromium = HeadlessChromium.find();
            assumingThat(chromium != null, () -> {
                String dom = chromium.dumpDom(page);
                for (int night : List.of(EMPTIED, DROPPED)) {
                    assertTrue(dom.contains("<g class=\"marker suspicious\" data-key=\"" + key(night) + "\">"), dom);
                }
                Matcher marked = Pattern.compile("class=\"marker \\w+\" data-key=\"([^\"]+)\"").matcher(dom);
                Set<String> keys = new TreeSet<>();
                while (marked.find()) {
                    keys.add(marked.group(1));
                }
                assertEquals(new TreeSet<>(List.of(key(EMPTIED), key(DROPPED))), keys, "only those two nights are marked");
            });

            // the excuse is what keeps the night that pruned logs on purpose quiet
            PetdbRun.Result unexcused = petdb.run("backup", "verify", key(PRUNED_ON_PURPOSE));
            assertEquals(5, unexcused.exit(), unexcused.out() + unexcused.err());
            assertTrue(unexcused.out().contains("      table logs.events fell from 2000 to 50 rows\n"), unexcused.out());

            // the small shrink of night 5 (120 -> 105 todos, 12.5 %) passes the default threshold, not a lower one
            PetdbRun.Result stricter = petdb.run("backup", "verify", key(SMALL_SHRINK), "--expect-shrink", "logs.events",
                    "--shrink-threshold", "10%");
            assertEquals(5, stricter.exit(), stricter.out() + stricter.err());
            assertTrue(stricter.out().contains("    vanished since " + key(SMALL_SHRINK - 1) + ":\n"
                    + "      table todos.todos fell from 120 to 105 rows\n    SCHEMA"), stricter.out());
            PetdbRun.Result badThreshold = petdb.run("backup", "verify", "--shrink-threshold", "0");
            assertEquals(2, badThreshold.exit());
            assertTrue(badThreshold.err().startsWith("petdb: Invalid value for option '--shrink-threshold': must be a percentage above 0"),
                    badThreshold.err());
            assertEquals(2, petdb.run("backup", "verify", "--expect-shrink", "events").exit());

            // prune takes each deleted backup's manifest with it, and nothing else
            s3.put(".petdb/manifests/2026-11-01/postgres-petdb-2025-01-01-03-00-00.tgz.json", "{}".getBytes(StandardCharsets.UTF_8));
            PetdbRun.Result prune = petdb.run("backup", "prune", "--keep-daily", "3", "--keep-weekly", "0", "--keep-monthly", "0");
            assertEquals(0, prune.exit(), prune.err());
            List<String> left = new ArrayList<>(s3.keys());
            left.sort(null);
            List<String> expected = new ArrayList<>(List.of("notes/readme.txt",
                    ".petdb/manifests/2026-11-01/postgres-petdb-2025-01-01-03-00-00.tgz.json",
                    key(14), key(15), key(16), manifest(14), manifest(15)));
            expected.sort(null);
            assertEquals(expected, left);
        } finally {
            monitor.stop(0);
        }
    }

    @Test
    void anUnreadablePreviousManifestIsANoteNotAVerdict() throws Exception {
        TestPostgres server = TestPostgres.shared();
        String database = server.createDatabase();
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA shop");
            s.execute("CREATE TABLE shop.orders (id int)");
        }
        byte[] backup = DokkuBackups.tgz(server, database);
        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            s3.put(key(1), backup);
            s3.put(key(2), backup);
            s3.put(manifest(1), "{\"format_version\": 1, \"backup\": ".getBytes(StandardCharsets.UTF_8)); // cut short
            PetdbRun petdb = PetdbRun.withEnvironment(s3.env(""));
            PetdbRun.Result result = petdb.run("backup", "verify", key(2), "--json");
            assertEquals(0, result.exit(), result.out() + result.err());
            assertTrue(result.messages().startsWith("petdb: note: not compared with the previous backup's manifest: "
                    + manifest(1) + " is not a petdb manifest: "), result.messages());
            JsonNode json = new ObjectMapper().readTree(result.out());
            assertEquals("ok", json.get("status").asText());
            assertTrue(json.get("manifest_error").asText().startsWith("not compared"), result.out());
            assertTrue(s3.exists(manifest(2)));

            PetdbRun.Result history = petdb.run("backup", "history");
            assertEquals(0, history.exit(), history.err());
            assertTrue(history.out().lines().anyMatch(l -> l.matches("2026-11-01 03:00:04Z +\\d+ B +not verified")), history.out());
            assertTrue(history.messages().startsWith("petdb: note: " + manifest(1) + " is not a petdb manifest"), history.err());
        }
    }
}
