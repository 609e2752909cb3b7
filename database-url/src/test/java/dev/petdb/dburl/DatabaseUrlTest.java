package dev.petdb.dburl;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

    private static final String NAME = "DATABASE_URL";
    /** Distinctive, so that a message echoing it (or part of the URL around it) is caught. */
    private static final String SECRET = "S3cr3t-Pa55";

    private static DatabaseUrl parse(String url) {
        return DatabaseUrl.parse(NAME, url);
    }

    private static Properties properties(Map<String, String> entries) {
        Properties properties = new Properties();
        properties.putAll(entries);
        return properties;
    }

    /** Parses {@code url}, expects a InvalidDatabaseUrlException with exactly {@code expected}, and checks the message is safe. */
    private static void assertRejected(String url, String expected) {
        InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class, () -> parse(url), url);
        String message = e.getMessage();
        assertAll(url,
                () -> assertEquals(expected, message),
                () -> assertFalse(message.contains(SECRET), "message leaks the password: " + message),
                () -> assertFalse(message.contains("Pa55"), "message leaks part of the password: " + message),
                () -> assertFalse(message.contains("\n") || message.contains("\r"), "message is not one line: " + message));
    }

    @Nested
    class WellFormed {

        @Test
        void plainDokkuForm() {
            DatabaseUrl url = parse("postgres://postgres:4b2d8f@dokku-postgres-petdb:5432/petdb");
            assertEquals(new DatabaseUrl("dokku-postgres-petdb", 5432, "petdb", "postgres", "4b2d8f", Map.of()), url);
            assertEquals("dokku-postgres-petdb", url.host());
            assertEquals(5432, url.port());
            assertEquals("petdb", url.database());
            assertEquals("postgres", url.user());
            assertEquals("4b2d8f", url.password());
            assertEquals(Map.of(), url.parameters());
        }

        @Test
        void postgresqlSchemeIsTheSame() {
            assertEquals(parse("postgres://postgres:4b2d8f@dokku-postgres-petdb:5432/petdb"),
                    parse("postgresql://postgres:4b2d8f@dokku-postgres-petdb:5432/petdb"));
        }

        @Test
        void nonDefaultPort() {
            assertEquals(6543, parse("postgres://u:p@db:6543/petdb").port());
            assertEquals(1, parse("postgres://u:p@db:1/petdb").port());
            assertEquals(65535, parse("postgres://u:p@db:65535/petdb").port());
        }

        @Test
        void defaultPortIs5432() {
            DatabaseUrl url = parse("postgres://postgres:4b2d8f@dokku-postgres-petdb/petdb");
            assertEquals(5432, url.port());
            assertEquals("dokku-postgres-petdb", url.host());
            assertEquals("jdbc:postgresql://dokku-postgres-petdb:5432/petdb", url.jdbcUrl());
        }

        @Test
        void percentEncodedSpecialCharactersInPassword() {
            DatabaseUrl url = parse("postgres://postgres:p%40ss%3Aw%2Frd%25%23%3F%20x@db:5432/petdb");
            assertEquals("p@ss:w/rd%#? x", url.password());
            assertEquals("postgres", url.user());
            assertEquals("db", url.host());
            assertEquals("petdb", url.database());
        }

        @Test
        void lowerCaseHexEscapesAreAccepted() {
            assertEquals("a/b:c", parse("postgres://u:a%2fb%3ac@db/petdb").password());
        }

        @Test
        void plusInPasswordStaysPlus() {
            assertEquals("a+b", parse("postgres://u:a+b@db/petdb").password());
            assertEquals("a+b", parse("postgres://u:a%2Bb@db/petdb").password());
        }

        @Test
        void nonAsciiPasswordAsUtf8PercentEscapes() {
            assertEquals("pässwörd", parse("postgres://u:p%C3%A4ssw%C3%B6rd@db/petdb").password());
        }

        @Test
        void emojiPasswordAsUtf8PercentEscapes() {
            // U+1F436 DOG FACE, four UTF-8 bytes, two UTF-16 chars
            String password = parse("postgres://u:dog%F0%9F%90%B6!@db/petdb").password();
            assertEquals("dog\uD83D\uDC36!", password);
            assertEquals(5, password.codePointCount(0, password.length()));
        }

        @Test
        void rawNonAsciiPasswordIsKept() {
            assertEquals("pässwörd\uD83D\uDC36", parse("postgres://u:pässwörd\uD83D\uDC36@db/petdb").password());
        }

        @Test
        void percentEncodedUserAndDatabase() {
            DatabaseUrl url = parse("postgres://app%40team%3Ax:pw@db/my%20db%C3%A4");
            assertEquals("app@team:x", url.user());
            assertEquals("pw", url.password());
            assertEquals("my dbä", url.database());
        }

        @Test
        void rawAtInPasswordSplitsAtTheLastAt() {
            DatabaseUrl url = parse("postgres://postgres:p@ss@w@rd@dokku-postgres-petdb:5432/petdb");
            assertEquals("postgres", url.user());
            assertEquals("p@ss@w@rd", url.password());
            assertEquals("dokku-postgres-petdb", url.host());
            assertEquals(5432, url.port());
            assertEquals("petdb", url.database());
        }

        @Test
        void rawColonAndSlashInPasswordAreKept() {
            DatabaseUrl url = parse("postgres://postgres:a:b/c@db:5432/petdb");
            assertEquals("postgres", url.user());
            assertEquals("a:b/c", url.password());
            assertEquals("db", url.host());
            assertEquals("petdb", url.database());
        }

        @Test
        void sslmodeRequireLandsInJdbcProperties() {
            DatabaseUrl url = parse("postgres://postgres:4b2d8f@dokku-postgres-petdb:5432/petdb?sslmode=require");
            assertEquals(Map.of("sslmode", "require"), url.parameters());
            assertEquals(properties(Map.of("user", "postgres", "password", "4b2d8f", "sslmode", "require")),
                    url.jdbcProperties());
            assertEquals("jdbc:postgresql://dokku-postgres-petdb:5432/petdb", url.jdbcUrl());
        }

        @Test
        void severalQueryParameters() {
            DatabaseUrl url = parse("postgresql://u:pw@db/petdb?sslmode=verify-full&connectTimeout=5"
                    + "&options=-c%20statement_timeout%3D5000&&ApplicationName=a+b&tcpKeepAlive");
            Map<String, String> expected = Map.of(
                    "sslmode", "verify-full",
                    "connectTimeout", "5",
                    "options", "-c statement_timeout=5000",
                    "ApplicationName", "a+b",
                    "tcpKeepAlive", "");
            assertEquals(expected, url.parameters());
            Properties props = properties(expected);
            props.setProperty("user", "u");
            props.setProperty("password", "pw");
            assertEquals(props, url.jdbcProperties());
            assertEquals("petdb", url.database());
        }

        @Test
        void parametersAreImmutable() {
            DatabaseUrl url = parse("postgres://u:pw@db/petdb?sslmode=require");
            assertThrows(UnsupportedOperationException.class, () -> url.parameters().put("x", "y"));
        }

        @Test
        void ipv6HostInBrackets() {
            DatabaseUrl url = parse("postgres://postgres:pw@[::1]:5433/petdb");
            assertEquals("::1", url.host());
            assertEquals(5433, url.port());
            assertEquals("petdb", url.database());
            assertEquals("jdbc:postgresql://[::1]:5433/petdb", url.jdbcUrl());
            assertEquals("postgres://postgres:****@[::1]:5433/petdb", url.toString());
        }

        @Test
        void ipv6HostWithoutPort() {
            DatabaseUrl url = parse("postgres://postgres:pw@[fe80::1:2]/petdb");
            assertEquals("fe80::1:2", url.host());
            assertEquals(5432, url.port());
            assertEquals("jdbc:postgresql://[fe80::1:2]:5432/petdb", url.jdbcUrl());
        }

        @Test
        void userWithoutPassword() {
            DatabaseUrl url = parse("postgres://postgres@db:5432/petdb");
            assertEquals("postgres", url.user());
            assertEquals("", url.password());
            assertEquals(properties(Map.of("user", "postgres")), url.jdbcProperties());
            assertEquals("postgres://postgres@db:5432/petdb", url.toString());
            assertEquals("postgres://postgres@db:5432/petdb", url.toUrlWithPassword());
        }

        @Test
        void userWithEmptyPassword() {
            DatabaseUrl url = parse("postgres://postgres:@db/petdb");
            assertEquals("postgres", url.user());
            assertEquals("", url.password());
            assertEquals(properties(Map.of("user", "postgres")), url.jdbcProperties());
        }

        @Test
        void noUserInfoAtAll() {
            DatabaseUrl url = parse("postgres://db/petdb");
            assertEquals("", url.user());
            assertEquals("", url.password());
            assertEquals(new Properties(), url.jdbcProperties());
            assertEquals("postgres://db:5432/petdb", url.toString());
        }

        @Test
        void hostIsIpv4() {
            DatabaseUrl url = parse("postgres://u:p@172.17.0.5:5432/petdb");
            assertEquals("172.17.0.5", url.host());
            assertEquals("jdbc:postgresql://172.17.0.5:5432/petdb", url.jdbcUrl());
        }
    }

    @Nested
    class Rendering {

        @Test
        void jdbcUrlHasNoCredentialsOrParameters() {
            DatabaseUrl url = parse("postgres://postgres:" + SECRET + "@dokku-postgres-petdb:5432/petdb?sslmode=require");
            assertEquals("jdbc:postgresql://dokku-postgres-petdb:5432/petdb", url.jdbcUrl());
        }

        @Test
        void jdbcUrlIsWhatTheDriverReadsBack() {
            for (String text : new String[] {"postgres://u:p@dokku-postgres-petdb:5433/petdb", "postgres://u:p@[::1]/petdb"}) {
                DatabaseUrl url = parse(text);
                Properties read = driverParse(url.jdbcUrl());
                assertEquals(url.database(), read.getProperty("PGDBNAME"), text);
                assertEquals(String.valueOf(url.port()), read.getProperty("PGPORT"), text);
                String expectedHost = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
                assertEquals(expectedHost, read.getProperty("PGHOST"), text);
            }
        }

        @Test
        void jdbcUrlKeepsUnusualDatabaseNames() {
            DatabaseUrl url = parse("postgres://u:p@db/a%2Bb%3Fc%25d");
            assertEquals("a+b?c%d", url.database());
            assertEquals("a+b?c%d", driverParse(url.jdbcUrl()).getProperty("PGDBNAME"));
        }

        private static Properties driverParse(String jdbcUrl) {
            Properties read = org.postgresql.Driver.parseURL(jdbcUrl, null);
            assertTrue(read != null, "driver refuses " + jdbcUrl);
            return read;
        }

        @Test
        void toStringMasksThePassword() {
            DatabaseUrl url = parse("postgres://postgres:" + SECRET + "@dokku-postgres-petdb:5432/petdb");
            assertEquals("postgres://postgres:****@dokku-postgres-petdb:5432/petdb", url.toString());
            assertFalse(url.toString().contains(SECRET));
        }

        @Test
        void toStringMasksAnEncodedPasswordAndKeepsParameters() {
            DatabaseUrl url = parse("postgres://postgres:p%40" + SECRET + "%2F@db/petdb?sslmode=require");
            assertEquals("postgres://postgres:****@db:5432/petdb?sslmode=require", url.toString());
            assertFalse(url.toString().contains(SECRET));
        }

        @Test
        void toUrlWithPasswordShowsThePassword() {
            DatabaseUrl url = parse("postgres://postgres:4b2d8f@dokku-postgres-petdb/petdb?sslmode=require");
            assertEquals("postgres://postgres:4b2d8f@dokku-postgres-petdb:5432/petdb?sslmode=require",
                    url.toUrlWithPassword());
        }

        @Test
        void toUrlWithPasswordEncodesSpecialCharacters() {
            DatabaseUrl url = new DatabaseUrl("db", 5432, "petdb", "u", "a@b:c/d%e#f?g h+ä", Map.of());
            assertEquals("postgres://u:a%40b%3Ac%2Fd%25e%23f%3Fg%20h%2B%C3%A4@db:5432/petdb", url.toUrlWithPassword());
        }

        @Test
        void toStringWithSeveralParametersListsEachOnce() {
            DatabaseUrl url = parse("postgres://u:" + SECRET + "@db/petdb?sslmode=require&connectTimeout=5");
            String text = url.toString();
            String prefix = "postgres://u:****@db:5432/petdb?";
            assertTrue(text.startsWith(prefix), text);
            Set<String> pairs = Arrays.stream(text.substring(prefix.length()).split("&")).collect(Collectors.toSet());
            assertEquals(Set.of("sslmode=require", "connectTimeout=5"), pairs);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "4b2d8f",
                "p@ss:w/rd%#? x",
                "S3cr3t-Pa55",
                "****",
                "%zz%",
                "100%",
                "a+b=c&d",
                "pässwörd",
                "dog\uD83D\uDC36",
                "  spaces  ",
                "tab\tand\nnewline",
                "[::1]:5432/x?y=z",
        })
        void toUrlWithPasswordRoundTripsThroughParse(String password) {
            DatabaseUrl url = new DatabaseUrl("dokku-postgres-petdb", 5432, "petdb", "postgres", password,
                    Map.of("sslmode", "require"));
            DatabaseUrl back = parse(url.toUrlWithPassword());
            assertEquals(url, back);
            assertEquals(password, back.password());
        }

        @Test
        void toUrlWithPasswordRoundTripsTrickyUserDatabaseAndIpv6() {
            DatabaseUrl url = new DatabaseUrl("::1", 6000, "my db ä?#", "us@er:x", "p@:/",
                    Map.of("options", "-c a=b&c", "sslmode", "require"));
            assertEquals(url, parse(url.toUrlWithPassword()));
        }

        @Test
        void toUrlWithPasswordKeepsAPasswordWithoutUser() {
            DatabaseUrl url = parse("postgres://:" + SECRET + "@db/petdb");
            assertEquals("", url.user());
            assertEquals(SECRET, url.password());
            assertEquals(url, parse(url.toUrlWithPassword()));
        }

        @Test
        void withDatabaseKeepsEverythingElse() {
            DatabaseUrl url = parse("postgres://postgres:4b2d8f@dokku-postgres-petdb:6000/petdb?sslmode=require");
            DatabaseUrl other = url.withDatabase("postgres");
            assertEquals(new DatabaseUrl("dokku-postgres-petdb", 6000, "postgres", "postgres", "4b2d8f",
                    Map.of("sslmode", "require")), other);
            assertEquals("jdbc:postgresql://dokku-postgres-petdb:6000/postgres", other.jdbcUrl());
            assertEquals("petdb", url.database(), "the original is unchanged");
            assertNotEquals(url, other);
        }
    }

    @Nested
    class Malformed {

        static Arguments rejected(String url, String message) {
            return Arguments.of(url, message);
        }

        static java.util.stream.Stream<Arguments> cases() {
            String u = "postgres://postgres:" + SECRET;
            return java.util.stream.Stream.of(
                    // scheme
                    rejected("mysql://postgres:" + SECRET + "@db:3306/petdb",
                            "DATABASE_URL must start with postgres:// or postgresql://"),
                    rejected("http://postgres:" + SECRET + "@db:5432/petdb",
                            "DATABASE_URL must start with postgres:// or postgresql://"),
                    rejected("postgres:" + SECRET + "@db:5432/petdb",
                            "DATABASE_URL must start with postgres:// or postgresql://"),
                    rejected("//postgres:" + SECRET + "@db:5432/petdb",
                            "DATABASE_URL must start with postgres:// or postgresql://"),
                    rejected("postgres:/postgres:" + SECRET + "@db:5432/petdb",
                            "DATABASE_URL must start with postgres:// or postgresql://"),
                    rejected("jdbc:postgresql://db:5432/petdb?user=postgres&password=" + SECRET,
                            "DATABASE_URL must start with postgres:// or postgresql://"),
                    // empty
                    rejected("", "DATABASE_URL is empty"),
                    rejected("   ", "DATABASE_URL is empty"),
                    rejected("\t\n", "DATABASE_URL is empty"),
                    // database
                    rejected(u + "@db:5432", "DATABASE_URL has no database name (expected .../DATABASE after the host)"),
                    rejected(u + "@db", "DATABASE_URL has no database name (expected .../DATABASE after the host)"),
                    rejected(u + "@db:5432?sslmode=require",
                            "DATABASE_URL has no database name (expected .../DATABASE after the host)"),
                    rejected(u + "@db:5432/", "DATABASE_URL has no database name (expected .../DATABASE after the host)"),
                    rejected(u + "@db:5432/?sslmode=require",
                            "DATABASE_URL has no database name (expected .../DATABASE after the host)"),
                    rejected(u + "@db:5432/petdb/extra", "DATABASE_URL has a '/' in its database name"),
                    rejected(u + "@db:5432/pet%2Fdb", "DATABASE_URL has a '/' in its database name"),
                    rejected(u + "@db:5432/pet%zzdb", "DATABASE_URL has a malformed percent-escape in its database name"),
                    // port
                    rejected(u + "@db:abc/petdb", "DATABASE_URL has an invalid port (expected a number from 1 to 65535)"),
                    rejected(u + "@db:54x2/petdb", "DATABASE_URL has an invalid port (expected a number from 1 to 65535)"),
                    rejected(u + "@db:0/petdb", "DATABASE_URL has an invalid port (expected a number from 1 to 65535)"),
                    rejected(u + "@db:-1/petdb", "DATABASE_URL has an invalid port (expected a number from 1 to 65535)"),
                    rejected(u + "@db:65536/petdb", "DATABASE_URL has an invalid port (expected a number from 1 to 65535)"),
                    rejected(u + "@db:70000/petdb", "DATABASE_URL has an invalid port (expected a number from 1 to 65535)"),
                    rejected(u + "@db:99999999999/petdb",
                            "DATABASE_URL has an invalid port (expected a number from 1 to 65535)"),
                    rejected(u + "@db:/petdb", "DATABASE_URL has an invalid port (expected a number from 1 to 65535)"),
                    rejected(u + "@[::1]:/petdb", "DATABASE_URL has an invalid port (expected a number from 1 to 65535)"),
                    rejected(u + "@[::1]:x/petdb", "DATABASE_URL has an invalid port (expected a number from 1 to 65535)"),
                    // percent escapes
                    rejected(u + "%zz@db:5432/petdb", "DATABASE_URL has a malformed percent-escape in its password"),
                    rejected(u + "%4@db:5432/petdb", "DATABASE_URL has a malformed percent-escape in its password"),
                    rejected(u + "%@db:5432/petdb", "DATABASE_URL has a malformed percent-escape in its password"),
                    rejected("postgres://%zz" + SECRET + ":x@db/petdb",
                            "DATABASE_URL has a malformed percent-escape in its user name"),
                    rejected("postgres://" + SECRET + "%4@db/petdb",
                            "DATABASE_URL has a malformed percent-escape in its user name"),
                    rejected(u + "@db/petdb?sslmode=%zz",
                            "DATABASE_URL has a malformed percent-escape in its value of query parameter sslmode"),
                    rejected(u + "@db/petdb?ss%4=require",
                            "DATABASE_URL has a malformed percent-escape in its query parameter name"),
                    // host
                    rejected(u + "@[::1:5432/petdb", "DATABASE_URL has an IPv6 host without its closing ']'"),
                    rejected(u + "@[::1/petdb", "DATABASE_URL has an IPv6 host without its closing ']'"),
                    rejected(u + "@[::1]x/petdb", "DATABASE_URL has unexpected text after its IPv6 host"),
                    rejected(u + "@:5432/petdb", "DATABASE_URL has no host"),
                    rejected(u + "@/petdb", "DATABASE_URL has no host"),
                    rejected(u + "@[]:5432/petdb", "DATABASE_URL has no host"),
                    rejected("postgres:///petdb", "DATABASE_URL has no host"),
                    rejected(u + "@d b:5432/petdb", "DATABASE_URL has an invalid host name"),
                    rejected(u + "@db!:5432/petdb", "DATABASE_URL has an invalid host name"),
                    // credentials as query parameters
                    rejected("postgres://db:5432/petdb?user=postgres&password=" + SECRET,
                            "DATABASE_URL must carry the user before the host, not as a query parameter"),
                    rejected("postgres://db:5432/petdb?password=" + SECRET,
                            "DATABASE_URL must carry the password before the host, not as a query parameter"),
                    rejected("postgres://postgres@db:5432/petdb?sslmode=require&password=" + SECRET,
                            "DATABASE_URL must carry the password before the host, not as a query parameter"),
                    rejected("postgres://postgres@db:5432/petdb?pass%77ord=" + SECRET,
                            "DATABASE_URL must carry the password before the host, not as a query parameter"),
                    rejected(u + "@db:5432/petdb?user=",
                            "DATABASE_URL must carry the user before the host, not as a query parameter"),
                    rejected(u + "@db:5432/petdb?=" + SECRET, "DATABASE_URL has a query parameter without a name"));
        }

        @ParameterizedTest
        @MethodSource("cases")
        void isRefusedWithOneSafeLine(String url, String message) {
            assertRejected(url, message);
        }

        @Test
        void theSettingNameIsTheOneGiven() {
            InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class,
                    () -> DatabaseUrl.parse("OTHER_DB_URL", "mysql://u:" + SECRET + "@db/petdb"));
            assertEquals("OTHER_DB_URL must start with postgres:// or postgresql://", e.getMessage());
        }

        @Test
        void nullIsEmpty() {
            assertRejected(null, "DATABASE_URL is empty");
        }

        @Test
        void rawQuestionMarkInPasswordNeverLeaks() {
            for (String url : new String[] {
                    "postgres://u:1234/x?" + SECRET + "@db/petdb",
                    "postgres://u:1234/x?" + SECRET + "=%zz@db/petdb"}) {
                try {
                    DatabaseUrl parsed = parse(url);
                    assertEquals("1234/x?" + SECRET, parsed.password(), url);
                    assertFalse(parsed.toString().contains(SECRET), parsed.toString());
                } catch (InvalidDatabaseUrlException e) {
                    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
                }
            }
        }
    }
}
