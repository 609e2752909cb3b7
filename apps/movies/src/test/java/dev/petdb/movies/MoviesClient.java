package dev.petdb.movies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petdb.testkit.TestHttp;
import dev.petdb.testkit.TestHttp.Response;
import dev.petdb.testkit.app.AppUnderTest;

/**
 * A client of movies under test ({@link MoviesServer}), with helpers to read its JSON and to ask the database
 * directly.
 */
final class MoviesClient {
    static final ObjectMapper JSON = new ObjectMapper();

    final AppUnderTest app;
    final TestHttp http;

    MoviesClient(AppUnderTest app) {
        this.app = app;
        this.http = app.http();
    }

    /** @return an admin connection whose search_path is the app's schema */
    Connection admin() throws SQLException {
        Connection connection = app.admin();
        try (Statement s = connection.createStatement()) {
            s.execute("SET search_path = movies");
        }
        return connection;
    }

    /** Runs one statement with bound arguments as the admin. */
    void execute(String sql, Object... args) {
        try (Connection c = admin(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            s.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** @return the first column of every row, as text, in the order the query gives */
    List<String> column(String sql, Object... args) {
        try (Connection c = admin(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            List<String> values = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** @return the one number the query answers */
    long number(String sql, Object... args) {
        return Long.parseLong(column(sql, args).getFirst());
    }

    /** GET that must answer 200 with JSON; returns the body. */
    JsonNode json(String path) {
        Response response = http.get(path);
        assertEquals(200, response.status(), path + ": " + response.body());
        assertEquals("application/json", response.header("Content-Type").orElseThrow());
        return parse(response.body());
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** @return the text values of a JSON array, such as the titles of results */
    static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(field == null ? node.asText() : node.get(field).asText()));
        return values;
    }

    /** Asserts a problem+json answer with its status, and the parameter at fault when given. */
    static void assertProblem(Response response, int status, String field) {
        assertEquals(status, response.status(), response.body());
        assertEquals("application/problem+json", response.header("Content-Type").orElseThrow());
        JsonNode problem = parse(response.body());
        assertEquals(status, problem.get("status").asInt());
        assertFalse(problem.get("detail").asText().isBlank());
        if (field != null) {
            assertEquals(field, problem.path("field").asText(), response.body());
        }
    }

    private static void bind(PreparedStatement s, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
    }
}
