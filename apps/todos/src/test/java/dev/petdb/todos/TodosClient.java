package dev.petdb.todos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petdb.testkit.TestHttp;
import dev.petdb.testkit.TestHttp.Response;
import dev.petdb.testkit.app.AppUnderTest;

/**
 * A client of todos under test ({@link TodosServer}), with helpers to sign up, sign in, call endpoints with a bearer
 * token and look at the database.
 */
final class TodosClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger EMAILS = new AtomicInteger();

    final AppUnderTest app;
    final TestHttp http;

    TodosClient(AppUnderTest app) {
        this.app = app;
        this.http = app.http();
    }

    /** todos on a new database of its own, for a test that restarts it; the test closes it. */
    static TodosClient start() {
        return new TodosClient(AppUnderTest.start(TodosServer.TODOS));
    }

    /** Stops this app and starts it again on the same database, as a deploy does. */
    TodosClient restarted() {
        return new TodosClient(app.restarted());
    }

    /**
     * Sends every request at once, each on its own thread, and waits for all answers.
     *
     * @param requests what each sends
     * @return the answers, in the order of requests
     */
    static List<Response> inParallel(List<Supplier<Response>> requests) {
        ExecutorService threads = Executors.newFixedThreadPool(requests.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            for (Supplier<Response> request : requests) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return request.get();
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                responses.add(answer.get());
            }
            return responses;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a parallel request failed", e.getCause());
        } finally {
            threads.shutdownNow();
        }
    }

    /** An email no other test uses. */
    static String uniqueEmail(String label) {
        return label + "-" + EMAILS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8)
                + "@example.com";
    }

    /** A JSON object from alternating names and values (values may be null). */
    static String json(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        try {
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(Response response) {
        try {
            return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + shown(response), e);
        }
    }

    /** The body for a failure message, with any access token hidden: secrets stay out of test output too. */
    static String shown(Response response) {
        return response.body().replaceAll("\"access_token\"\\s*:\\s*\"[^\"]*\"", "\"access_token\":\"(hidden)\"");
    }

    Response signUp(String email, String password) {
        return http.postJson("/users", json("email", email, "password", password));
    }

    Response requestToken(String email, String password) {
        return http.postJson("/auth/token", json("email", email, "password", password));
    }

    /** Signs in, which must work, and returns the access token. */
    String token(String email, String password) {
        Response response = requestToken(email, password);
        assertEquals(200, response.status(), shown(response));
        return read(response).get("access_token").asText();
    }

    /** Signs up a new user and returns a token of theirs. */
    String newUserToken() {
        String email = uniqueEmail("user");
        String password = "correct horse " + UUID.randomUUID();
        assertEquals(201, signUp(email, password).status());
        return token(email, password);
    }

    Response get(String path, String token) {
        return http.send(http.request(path).header("Authorization", "Bearer " + token).GET());
    }

    Response delete(String path, String token) {
        return http.send(http.request(path).header("Authorization", "Bearer " + token).DELETE());
    }

    Response postJson(String path, String body, String token) {
        return sendJson("POST", path, body, token);
    }

    Response patchJson(String path, String body, String token) {
        return sendJson("PATCH", path, body, token);
    }

    private Response sendJson(String method, String path, String body, String token) {
        return http.send(http.request(path).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** An admin connection to the app's database; the app's tables are in schema {@code todos}. */
    Connection admin() throws SQLException {
        return app.admin();
    }

    /** Runs one statement as the admin, e.g. to backdate a row; returns the rows changed. */
    int update(String sql, Object... args) {
        try (Connection connection = admin(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one query as the admin and returns the first column of its first row, or null when there is none. */
    Object value(String sql, Object... args) {
        try (Connection connection = admin(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        app.close();
    }
}
