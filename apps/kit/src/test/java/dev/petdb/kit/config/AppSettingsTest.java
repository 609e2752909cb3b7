package dev.petdb.kit.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.petdb.dburl.DatabaseUrl;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AppSettingsTest {

    private static final String APP = "petshop";
    private static final String SECRET = "S3cr3t-Pa55";

    private static AppSettings settings(Map<String, String> env) {
        return AppSettings.fromEnvironment(APP, env);
    }

    private static Map<String, String> env(String... keysAndValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return env;
    }

    private static StartupException refused(Map<String, String> env) {
        StartupException e = assertThrows(StartupException.class, () -> settings(env), env.toString());
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), "not one line: " + e.getMessage());
        return e;
    }

    // ---- defaults ----

    @Test
    void defaultsForAnEmptyEnvironment() {
        AppSettings settings = settings(Map.of());
        assertEquals(new AppSettings(APP, 8080, null, APP, 4, Path.of(".petdb"), Duration.ofSeconds(8),
                new RateLimitSettings(600, 100, TrustedProxies.parse("x", "127.0.0.0/8,::1,172.16.0.0/12"))),
                settings);
        assertEquals(APP, settings.appName());
        assertEquals(8080, settings.port());
        assertEquals(Optional.empty(), settings.databaseUrl());
        assertEquals(APP, settings.schema());
        assertEquals(4, settings.poolSize());
        assertEquals(Path.of(".petdb"), settings.dataDir());
        assertEquals(Duration.ofSeconds(8), settings.shutdownGrace());
    }

    @Test
    void blankNumbersAndDatabaseUrlMeanTheDefault() {
        AppSettings settings = settings(env("PORT", "", "DB_POOL_SIZE", "  ", "SHUTDOWN_GRACE_SECONDS", "\t",
                "DATABASE_URL", "   "));
        assertEquals(8080, settings.port());
        assertEquals(4, settings.poolSize());
        assertEquals(Duration.ofSeconds(8), settings.shutdownGrace());
        assertEquals(Optional.empty(), settings.databaseUrl());
    }

    @Test
    void emptyDatabaseUrlMeansNone() {
        assertEquals(Optional.empty(), settings(env("DATABASE_URL", "")).databaseUrl());
    }

    @Test
    void unrelatedVariablesAreIgnored() {
        assertEquals(settings(Map.of()), settings(env("HOME", "/root", "DOKKU_APP_TYPE", "dockerfile", "port", "1")));
    }

    // ---- every variable is read ----

    @Test
    void everyVariableIsRead() {
        AppSettings settings = settings(env(
                "PORT", "5000",
                "DATABASE_URL", "postgres://postgres:4b2d8f@dokku-postgres-petdb:5432/petdb",
                "APP_SCHEMA", "shop_v2",
                "DB_POOL_SIZE", "10",
                "PETDB_DATA_DIR", "/var/lib/petdb",
                "SHUTDOWN_GRACE_SECONDS", "3",
                "RATE_LIMIT_PER_MINUTE", "120",
                "RATE_LIMIT_BURST", "20",
                "RATE_LIMIT_TRUSTED_PROXIES", "10.0.0.5"));
        assertEquals(new AppSettings(APP, 5000,
                new DatabaseUrl("dokku-postgres-petdb", 5432, "petdb", "postgres", "4b2d8f", Map.of()),
                "shop_v2", 10, Path.of("/var/lib/petdb"), Duration.ofSeconds(3),
                new RateLimitSettings(120, 20, TrustedProxies.parse("x", "10.0.0.5"))), settings);
    }

    @Test
    void portIsRead() {
        assertEquals(5000, settings(env("PORT", "5000")).port());
    }

    @Test
    void databaseUrlIsParsed() {
        AppSettings settings = settings(env("DATABASE_URL",
                "postgresql://postgres:p%40ss@dokku-postgres-petdb/petdb?sslmode=require"));
        DatabaseUrl url = settings.databaseUrl().orElseThrow();
        assertEquals("p@ss", url.password());
        assertEquals(5432, url.port());
        assertEquals(Map.of("sslmode", "require"), url.parameters());
    }

    @Test
    void schemaIsRead() {
        assertEquals("inventory", settings(env("APP_SCHEMA", "inventory")).schema());
        assertEquals(APP, settings(env("APP_SCHEMA", "inventory")).appName(), "the app name stays");
    }

    @Test
    void schemaIsTrimmed() {
        assertEquals("inventory", settings(env("APP_SCHEMA", "  inventory \n")).schema());
    }

    @Test
    void poolSizeIsRead() {
        assertEquals(12, settings(env("DB_POOL_SIZE", "12")).poolSize());
    }

    @Test
    void dataDirIsRead() {
        assertEquals(Path.of("/data/petdb"), settings(env("PETDB_DATA_DIR", "/data/petdb")).dataDir());
        assertEquals(Path.of("rel/dir"), settings(env("PETDB_DATA_DIR", "rel/dir")).dataDir());
    }

    @Test
    void shutdownGraceIsRead() {
        assertEquals(Duration.ofSeconds(5), settings(env("SHUTDOWN_GRACE_SECONDS", "5")).shutdownGrace());
    }

    @Test
    void numbersAreTrimmed() {
        AppSettings settings = settings(env("PORT", " 5000 ", "DB_POOL_SIZE", "\t7\n", "SHUTDOWN_GRACE_SECONDS", " 2"));
        assertEquals(5000, settings.port());
        assertEquals(7, settings.poolSize());
        assertEquals(Duration.ofSeconds(2), settings.shutdownGrace());
    }

    // ---- boundaries that are accepted ----

    @ParameterizedTest
    @CsvSource({"PORT,0", "PORT,1", "PORT,65535", "DB_POOL_SIZE,1", "DB_POOL_SIZE,100",
            "SHUTDOWN_GRACE_SECONDS,0", "SHUTDOWN_GRACE_SECONDS,3600", "RATE_LIMIT_PER_MINUTE,0",
            "RATE_LIMIT_PER_MINUTE,1000000", "RATE_LIMIT_BURST,1", "RATE_LIMIT_BURST,1000000"})
    void boundaryValuesAreAccepted(String name, int value) {
        AppSettings settings = settings(env(name, String.valueOf(value)));
        int read = switch (name) {
            case "PORT" -> settings.port();
            case "DB_POOL_SIZE" -> settings.poolSize();
            case "RATE_LIMIT_PER_MINUTE" -> settings.rateLimit().perMinute();
            case "RATE_LIMIT_BURST" -> settings.rateLimit().burst();
            default -> (int) settings.shutdownGrace().toSeconds();
        };
        assertEquals(value, read);
    }

    // ---- invalid numbers ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PORT|http|0|65535",
            "PORT|-1|0|65535",
            "PORT|65536|0|65535",
            "PORT|70000|0|65535",
            "PORT|8080.0|0|65535",
            "PORT|80 80|0|65535",
            "PORT|0x50|0|65535",
            "PORT|99999999999|0|65535",
            "DB_POOL_SIZE|four|1|100",
            "DB_POOL_SIZE|-4|1|100",
            "DB_POOL_SIZE|0|1|100",
            "DB_POOL_SIZE|101|1|100",
            "DB_POOL_SIZE|2.5|1|100",
            "SHUTDOWN_GRACE_SECONDS|8s|0|3600",
            "SHUTDOWN_GRACE_SECONDS|-1|0|3600",
            "SHUTDOWN_GRACE_SECONDS|3601|0|3600",
            "SHUTDOWN_GRACE_SECONDS|PT8S|0|3600",
            "RATE_LIMIT_PER_MINUTE|-1|0|1000000",
            "RATE_LIMIT_PER_MINUTE|600/min|0|1000000",
            "RATE_LIMIT_PER_MINUTE|1000001|0|1000000",
            "RATE_LIMIT_BURST|0|1|1000000",
            "RATE_LIMIT_BURST|ten|1|1000000",
    })
    void invalidNumberIsRefusedNamingTheVariable(String name, String value, int min, int max) {
        StartupException e = refused(env(name, value));
        assertEquals(name + " must be a whole number from " + min + " to " + max, e.getMessage());
        assertTrue(e.getMessage().startsWith(name + " "), e.getMessage());
    }

    @Test
    void numbersAroundWhiteSpaceAreReadButOtherDigitsAreNot() {
        assertEquals(9090, settings(env("PORT", "  9090\n")).port());
        assertEquals("PORT must be a whole number from 0 to 65535", refused(env("PORT", "+8080")).getMessage());
        assertEquals("PORT must be a whole number from 0 to 65535", refused(env("PORT", "\uFF18\uFF10")).getMessage());
    }

    @Test
    void invalidNumberMessageIsOneLineEvenForMultiLineValues() {
        StartupException e = assertThrows(StartupException.class, () -> settings(env("PORT", "80\n80")));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    // ---- APP_SCHEMA ----

    @ParameterizedTest
    @ValueSource(strings = {"Public", "public", "PUBLIC", "pg_x", "pg_catalog", "pg_", "1abc", "_abc", "a-b", "a b",
            "my.app", "ä", "app\u0130", "pässwörd", "",
            "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcd"})
    void schemaIsRefused(String schema) {
        StartupException e = refused(env("APP_SCHEMA", schema));
        assertSchemaRefused(e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "none", "information_schema"})
    void namesPostgresReservesAreRefusedAsTheCliRefusesThem(String schema) {
        assertEquals("'" + schema + "' is reserved by PostgreSQL and cannot be APP_SCHEMA",
                refused(env("APP_SCHEMA", schema)).getMessage());
    }

    private static void assertSchemaRefused(StartupException e) {
        String message = e.getMessage();
        assertTrue(message.startsWith("invalid APP_SCHEMA '") && message.endsWith(
                "': use 1 to 63 lower-case letters, digits and _, starting with a letter")
                || message.endsWith("' is reserved by PostgreSQL and cannot be APP_SCHEMA"), message);
        assertFalse(message.contains("\n"), message);
    }

    @Test
    void sixtyFourCharacterSchemaIsRefused() {
        String name = "a".repeat(64);
        assertSchemaRefused(refused(env("APP_SCHEMA", name)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "my_app2", "pg", "pgx", "publicity", "public_2", "a_", "z9"})
    void schemaIsAccepted(String schema) {
        assertEquals(schema, settings(env("APP_SCHEMA", schema)).schema());
    }

    @Test
    void sixtyThreeCharacterSchemaIsAccepted() {
        String name = "s" + "0123456789".repeat(6) + "_x";
        assertEquals(63, name.length());
        assertEquals(name, settings(env("APP_SCHEMA", name)).schema());
    }

    @Test
    void appNameThatIsNoSchemaNeedsAppSchema() {
        // the schema defaults to the app name, so an app name that is not a valid schema is refused ...
        StartupException e = assertThrows(StartupException.class, () -> AppSettings.fromEnvironment("pet-shop", Map.of()));
        assertSchemaRefused(e);
        // ... unless APP_SCHEMA names a valid one
        AppSettings settings = AppSettings.fromEnvironment("pet-shop", env("APP_SCHEMA", "pet_shop"));
        assertEquals("pet-shop", settings.appName());
        assertEquals("pet_shop", settings.schema());
    }


    // ---- DATABASE_URL errors ----

    @Test
    void malformedDatabaseUrlDoesNotLeakItsPassword() {
        String[] urls = {
                "mysql://postgres:" + SECRET + "@db/petdb",
                "postgres://postgres:" + SECRET + "@db:70000/petdb",
                "postgres://postgres:" + SECRET + "%zz@db/petdb",
                "postgres://postgres:" + SECRET + "@db",
                "postgres://db/petdb?password=" + SECRET,
        };
        String[] messages = {
                "DATABASE_URL must start with postgres:// or postgresql://",
                "DATABASE_URL has an invalid port (expected a number from 1 to 65535)",
                "DATABASE_URL has a malformed percent-escape in its password",
                "DATABASE_URL has no database name (expected .../DATABASE after the host)",
                "DATABASE_URL must carry the password before the host, not as a query parameter",
        };
        for (int i = 0; i < urls.length; i++) {
            String url = urls[i];
            String expected = messages[i];
            StartupException e = refused(env("DATABASE_URL", url));
            assertAll(url,
                    () -> assertEquals(expected, e.getMessage()),
                    () -> assertFalse(e.getMessage().contains(SECRET), e.getMessage()));
        }
    }

    @Test
    void settingsToStringDoesNotLeakThePassword() {
        AppSettings settings = settings(env("DATABASE_URL", "postgres://postgres:" + SECRET + "@db/petdb"));
        assertEquals(SECRET, settings.databaseUrl().orElseThrow().password());
        assertFalse(settings.toString().contains(SECRET), settings.toString());
    }

    // ---- rate limits ----

    @Test
    void aRateLimitOfZeroTurnsLimitsOff() {
        assertTrue(settings(Map.of()).rateLimit().enabled());
        assertFalse(settings(env("RATE_LIMIT_PER_MINUTE", "0")).rateLimit().enabled());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "nginx|nginx",
            "localhost|localhost",
            "10.0.0.0/33|10.0.0.0/33",
            "10.0.0.256|10.0.0.256",
            "10.0.0.1/|10.0.0.1/",
            "::1/129|::1/129",
            "127.0.0.1,,10.0.0.1|''",
            "172.16.0.0/12 10.0.0.1|172.16.0.0/12 10.0.0.1",
    })
    void trustedProxiesThatAreNoAddressesAreRefusedNamingTheEntry(String value, String entry) {
        assertEquals("RATE_LIMIT_TRUSTED_PROXIES must be IP addresses or ranges such as 127.0.0.1 or 172.16.0.0/12, "
                + "separated by commas, or none; '" + entry + "' is neither",
                refused(env("RATE_LIMIT_TRUSTED_PROXIES", value)).getMessage());
    }

    @Test
    void trustedProxiesMatchAddressesAndRanges() throws Exception {
        TrustedProxies defaults = settings(Map.of()).rateLimit().trustedProxies();
        for (String trusted : new String[] {"127.0.0.1", "127.8.9.10", "::1", "172.16.0.1", "172.17.0.1",
                "172.31.255.255"}) {
            assertTrue(defaults.contains(InetAddress.getByName(trusted)), trusted);
        }
        for (String untrusted : new String[] {"172.32.0.1", "172.15.255.255", "10.0.0.1", "192.168.1.1", "::2",
                "203.0.113.7"}) {
            assertFalse(defaults.contains(InetAddress.getByName(untrusted)), untrusted);
        }
        TrustedProxies listed = settings(env("RATE_LIMIT_TRUSTED_PROXIES", " 10.1.2.3 , fd00::/8")).rateLimit()
                .trustedProxies();
        assertTrue(listed.contains(InetAddress.getByName("10.1.2.3")));
        assertFalse(listed.contains(InetAddress.getByName("10.1.2.4")));
        assertTrue(listed.contains(InetAddress.getByName("fd12::1")));
        assertFalse(listed.contains(InetAddress.getByName("127.0.0.1")));
        TrustedProxies none = settings(env("RATE_LIMIT_TRUSTED_PROXIES", "none")).rateLimit().trustedProxies();
        assertFalse(none.contains(InetAddress.getByName("127.0.0.1")));
    }
}
