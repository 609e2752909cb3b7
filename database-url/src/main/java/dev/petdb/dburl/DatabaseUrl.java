package dev.petdb.dburl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A PostgreSQL connection as dokku-postgres writes it into {@code DATABASE_URL}:
 * {@code postgres://user:password@host:port/database?param=value}.
 * <p>
 * Parsing is strict and every error message names the part that is wrong without repeating the URL,
 * because the URL carries the password. {@link #toString()} masks the password too.
 *
 * @param host       host name or IP address (IPv6 without brackets)
 * @param port       TCP port, 5432 when the URL names none
 * @param database   database name
 * @param user       login role, may be empty when the server trusts local connections
 * @param password   password, may be empty
 * @param parameters query parameters (such as {@code sslmode}) handed to the JDBC driver unchanged
 */
public record DatabaseUrl(String host, int port, String database, String user, String password,
                          Map<String, String> parameters) {

    private static final int DEFAULT_PORT = 5432;
    private static final String MASK = "****";

    public DatabaseUrl {
        // keeps the URL's order, so the URL renders the same way every time
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /**
     * Parses a {@code postgres://} or {@code postgresql://} URL.
     *
     * @param name the setting the URL came from, used in error messages (for example {@code DATABASE_URL})
     * @param url  the URL
     * @return the parsed URL
     * @throws InvalidDatabaseUrlException with a one-line reason that never contains the password
     */
    public static DatabaseUrl parse(String name, String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidDatabaseUrlException(name + " is empty");
        }
        String trimmed = url.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith("postgres://")) {
            rest = trimmed.substring("postgres://".length());
        } else if (lower.startsWith("postgresql://")) {
            rest = trimmed.substring("postgresql://".length());
        } else {
            throw new InvalidDatabaseUrlException(name + " must start with postgres:// or postgresql://");
        }

        // a password should percent-encode '@', '/' and '?', but be forgiving: the user info ends at the last '@',
        // and only what follows it is host, path and query
        int at = rest.lastIndexOf('@');
        String userInfo = at >= 0 ? rest.substring(0, at) : "";
        String hostAndPath = at >= 0 ? rest.substring(at + 1) : rest;
        String query = "";
        int q = hostAndPath.indexOf('?');
        if (q >= 0) {
            query = hostAndPath.substring(q + 1);
            hostAndPath = hostAndPath.substring(0, q);
        }
        if (hostAndPath.indexOf('#') >= 0) {
            throw new InvalidDatabaseUrlException(name + " has a '#' after the host; percent-encode it as %23");
        }

        int slash = hostAndPath.indexOf('/');
        if (slash < 0) {
            throw new InvalidDatabaseUrlException(name + " has no database name (expected .../DATABASE after the host)");
        }
        String hostPort = hostAndPath.substring(0, slash);
        String database = decode(name, "database name", hostAndPath.substring(slash + 1));
        if (database.isEmpty()) {
            throw new InvalidDatabaseUrlException(name + " has no database name (expected .../DATABASE after the host)");
        }
        if (database.contains("/")) {
            throw new InvalidDatabaseUrlException(name + " has a '/' in its database name");
        }

        String host;
        String portText = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new InvalidDatabaseUrlException(name + " has an IPv6 host without its closing ']'");
            }
            host = hostPort.substring(1, close);
            String after = hostPort.substring(close + 1);
            if (after.startsWith(":")) {
                portText = after.substring(1);
            } else if (!after.isEmpty()) {
                throw new InvalidDatabaseUrlException(name + " has unexpected text after its IPv6 host");
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
            portText = colon >= 0 ? hostPort.substring(colon + 1) : null;
        }
        if (host.isEmpty()) {
            throw new InvalidDatabaseUrlException(name + " has no host");
        }
        if (!host.matches(hostPort.startsWith("[") ? "[0-9A-Fa-f:.%a-z]+" : "[A-Za-z0-9._-]+")) {
            throw new InvalidDatabaseUrlException(name + " has an invalid host name");
        }
        int port = portText == null ? DEFAULT_PORT : parsePort(name, portText);

        String user = "";
        String password = "";
        if (!userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = decode(name, "user name", colon >= 0 ? userInfo.substring(0, colon) : userInfo);
            password = colon >= 0 ? decode(name, "password", userInfo.substring(colon + 1)) : "";
        }

        Map<String, String> parameters = new LinkedHashMap<>();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(name, "query parameter name", eq >= 0 ? pair.substring(0, eq) : pair);
                String value = eq >= 0 ? decode(name, "value of query parameter " + key, pair.substring(eq + 1)) : "";
                if (key.isEmpty()) {
                    throw new InvalidDatabaseUrlException(name + " has a query parameter without a name");
                }
                if (key.equals("user") || key.equals("password")) {
                    throw new InvalidDatabaseUrlException(name + " must carry the " + key + " before the host, not as a query parameter");
                }
                parameters.put(key, value);
            }
        }
        return new DatabaseUrl(host, port, database, user, password, parameters);
    }

    /**
     * @return the JDBC URL without credentials, e.g. {@code jdbc:postgresql://db:5432/petdb}
     */
    public String jdbcUrl() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + h + ":" + port + "/" + encode(database);
    }

    /**
     * @return driver properties: user, password and every query parameter
     */
    public Properties jdbcProperties() {
        Properties properties = new Properties();
        parameters.forEach(properties::setProperty);
        if (!user.isEmpty()) {
            properties.setProperty("user", user);
        }
        if (!password.isEmpty()) {
            properties.setProperty("password", password);
        }
        return properties;
    }

    /**
     * petdb's one way to open a JDBC connection from a URL (the PostgreSQL driver must be on the class path): the
     * URL's parameters, the credentials, the name the server shows in {@code pg_stat_activity}, and a 10-second
     * connect timeout unless the URL sets its own.
     *
     * @param applicationName what {@code pg_stat_activity.application_name} shows, e.g. {@code petdb-cli}
     * @return a new connection, the caller's to close
     * @throws SQLException when the server cannot be reached or refuses the login (the message never holds the
     *                      password: the driver does not put it there)
     */
    public Connection connect(String applicationName) throws SQLException {
        Properties properties = jdbcProperties();
        properties.setProperty("ApplicationName", applicationName);
        properties.putIfAbsent("connectTimeout", "10");
        return DriverManager.getConnection(jdbcUrl(), properties);
    }

    /**
     * @param newDatabase another database on the same server
     * @return this URL pointing at that database
     */
    public DatabaseUrl withDatabase(String newDatabase) {
        return new DatabaseUrl(host, port, newDatabase, user, password, parameters);
    }

    /**
     * @return the URL in the {@code postgres://} form, password included: only for places the user asked to see it
     */
    public String toUrlWithPassword() {
        return render(true);
    }

    /** The URL with the password, and any parameter that names a password or key, masked. */
    @Override
    public String toString() {
        return render(false);
    }

    private String render(boolean showSecrets) {
        StringBuilder sb = new StringBuilder("postgres://");
        if (!user.isEmpty() || !password.isEmpty()) {
            sb.append(encode(user));
            if (!password.isEmpty()) {
                sb.append(':').append(showSecrets ? encode(password) : MASK);
            }
            sb.append('@');
        }
        sb.append(host.contains(":") ? "[" + host + "]" : host).append(':').append(port).append('/').append(encode(database));
        String separator = "?";
        for (var parameter : parameters.entrySet()) {
            boolean secret = parameter.getKey().toLowerCase(java.util.Locale.ROOT).matches(".*(password|key).*");
            sb.append(separator).append(encode(parameter.getKey())).append('=')
                    .append(secret && !showSecrets ? MASK : encode(parameter.getValue()));
            separator = "&";
        }
        return sb.toString();
    }

    private static int parsePort(String name, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidDatabaseUrlException(name + " has an invalid port (expected a number from 1 to 65535)");
    }

    /** Strict RFC 3986 percent-decoding: '+' stays '+', a bad escape is an error. */
    private static String decode(String name, String part, String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            int c = text.codePointAt(i);
            if (c == '%') {
                int hi = i + 1 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int lo = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw new InvalidDatabaseUrlException(name + " has a malformed percent-escape in its " + part);
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] encoded = Character.toString(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(c) - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        StringBuilder sb = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
