package dev.petdb.fruits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petdb.kit.RunningApp;
import dev.petdb.kit.http.json.JsonCodec;
import dev.petdb.testkit.TestHttp.Response;
import dev.petdb.testkit.TestHttp;
import dev.petdb.testkit.app.AppUnderTest;
import dev.petdb.testkit.openapi.OpenApiAgreement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fruits API over HTTP against a real PostgreSQL: the seed's filter, the item endpoints, and every error status
 * with its problem+json body.
 */
@ExtendWith(FruitsServer.class)
class FruitsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestHttp http;

    FruitsApiTest(TestHttp http) {
        this.http = http;
    }

    @Test
    void filterAnAnswersBananaLikeTheSeed() {
        Response response = http.get("/?filter=an");
        assertEquals(200, response.status());
        assertEquals("application/json", response.header("Content-Type").orElseThrow());
        assertEquals("[{\"name\":\"banana\"}]", response.body());
    }

    @Test
    void filterIsCaseInsensitive() {
        assertEquals("[{\"name\":\"carrot\"}]", http.get("/?filter=RRO").body());
    }

    @Test
    void filterThatMatchesNothingAnswersAnEmptyArray() {
        Response response = http.get("/?filter=zzz");
        assertEquals(200, response.status());
        assertEquals("[]", response.body());
    }

    @Test
    void itemLifecycleCreateReadDelete() throws Exception {
        Response created = http.postJson("/items", "{\"name\":\"  Kiwi  \"}");
        assertEquals(201, created.status());
        JsonNode item = JSON.readTree(created.body());
        long id = item.get("id").asLong();
        assertEquals("Kiwi", item.get("name").asText());
        assertTrue(item.get("created_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"),
                item.get("created_at").asText());
        assertEquals("/items/" + id, created.header("Location").orElseThrow());

        Response read = http.get("/items/" + id);
        assertEquals(200, read.status());
        assertEquals(item, JSON.readTree(read.body()));
        assertEquals("[{\"name\":\"Kiwi\"}]", http.get("/?filter=kiw").body());

        assertEquals(204, http.delete("/items/" + id).status());
        assertProblem(http.get("/items/" + id), 404, null);
        assertProblem(http.delete("/items/" + id), 404, null);
    }

    @Test
    void duplicateNameInAnyCaseAnswers409() {
        assertEquals(201, http.postJson("/items", "{\"name\":\"plum\"}").status());
        assertProblem(http.postJson("/items", "{\"name\":\"plum\"}"), 409, "name");
        assertProblem(http.postJson("/items", "{\"name\":\" PLUM \"}"), 409, "name");
    }

    @Test
    void namesOfOneAndOfAHundredCharactersAreAccepted() {
        assertEquals(201, http.postJson("/items", "{\"name\":\"x\"}").status());
        String hundred = "ü".repeat(100);
        assertEquals(201, http.postJson("/items", "{\"name\":\"" + hundred + "\"}").status());
        assertEquals("[{\"name\":\"" + hundred + "\"}]", http.get("/?filter=" + "%C3%BC".repeat(100)).body());
    }

    @Test
    void invalidNamesAnswer400NamingTheField() {
        assertProblem(http.postJson("/items", "{}"), 400, "name");
        assertProblem(http.postJson("/items", "{\"name\":null}"), 400, "name");
        assertProblem(http.postJson("/items", "{\"name\":\"   \"}"), 400, "name");
        assertProblem(http.postJson("/items", "{\"name\":\"" + "a".repeat(101) + "\"}"), 400, "name");
        assertProblem(http.postJson("/items", "{\"name\":42}"), 400, "name");
        assertProblem(http.postJson("/items", "{\"name\":[\"a\"]}"), 400, "name");
        assertProblem(http.postJson("/items", "{\"name\":\"tab\\there\"}"), 400, "name");
    }

    @Test
    void malformedJsonAnswers400() {
        assertProblem(http.postJson("/items", "{\"name\": "), 400, null);
        assertProblem(http.postJson("/items", "not json"), 400, null);
        assertProblem(http.postJson("/items", "[]"), 400, null);
        assertProblem(http.postJson("/items", "{\"name\":\"a\"} trailing"), 400, null);
        assertProblem(http.send("POST", "/items", "application/json", new byte[0]), 400, null);
    }

    @Test
    void overlongFilterAnswers400() {
        assertProblem(http.get("/?filter=" + "a".repeat(101)), 400, "filter");
    }

    @Test
    void unknownPathsAndIdsAnswer404() {
        assertProblem(http.get("/nothing/here"), 404, null);
        assertProblem(http.get("/items/abc"), 404, null);
        assertProblem(http.get("/items/-1"), 404, null);
        assertProblem(http.get("/items/99999999999999999999"), 404, null);
    }

    @Test
    void wrongMethodAnswers405WithAllow() {
        Response put = http.send("PUT", "/items/1", "application/json", "{}".getBytes());
        assertProblem(put, 405, null);
        assertEquals(List.of("GET", "DELETE", "HEAD"), Arrays.asList(put.header("Allow").orElseThrow().split(", ")));
        Response getItems = http.get("/items");
        assertProblem(getItems, 405, null);
        assertEquals("POST", getItems.header("Allow").orElseThrow());
    }

    @Test
    void bodyOverTheLimitAnswers413() {
        String big = "{\"name\":\"" + "a".repeat(70 * 1024) + "\"}";
        assertProblem(http.postJson("/items", big), 413, null);
        // without Content-Length: a chunked body is cut off at the same limit
        Response chunked = http.send(http.request("/items").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes()))));
        assertProblem(chunked, 413, null);
    }

    @Test
    void otherMediaTypesAnswer415() {
        assertProblem(http.send("POST", "/items", "text/plain", "{\"name\":\"x\"}".getBytes()), 415, null);
        assertProblem(http.send("POST", "/items", null, "{\"name\":\"x\"}".getBytes()), 415, null);
        assertProblem(http.send("POST", "/items", "application/json; charset=latin1", "{}".getBytes()), 415, null);
    }

    @Test
    void healthEndpointsAnswerUp() {
        assertEquals("{\"status\":\"UP\"}", http.get("/health/live").body());
        Response ready = http.get("/health/ready");
        assertEquals(200, ready.status());
        assertEquals("{\"status\":\"UP\"}", ready.body());
    }

    @Test
    void accessLogHasOneLinePerRequestWithoutQueryOrAuthorization() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger access = Logger.getLogger("access");
        access.addHandler(capture);
        try {
            http.send(http.request("/?filter=secret-token-123").header("Authorization", "Bearer abc.def.ghi").GET());
            http.get("/items/0");
            // the line is written once the response is out, so the client may see the response first
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
            while (lines.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            access.removeHandler(capture);
        }
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("GET / 200 \\d+\\.\\dms"), lines.get(0));
        assertTrue(lines.get(1).matches("GET /items/0 404 \\d+\\.\\dms"), lines.get(1));
        assertFalse(String.join("\n", lines).contains("secret-token-123"));
        assertFalse(String.join("\n", lines).contains("abc.def.ghi"));
    }

    /** Asserts a problem+json response: status, the body's status, a detail, the field when given, no stack trace. */
    static void assertProblem(Response response, int status, String field) {
        assertEquals(status, response.status(), response.body());
        assertEquals("application/problem+json", response.header("Content-Type").orElseThrow());
        try {
            JsonNode problem = JSON.readTree(response.body());
            assertEquals(status, problem.get("status").asInt());
            assertEquals("about:blank", problem.get("type").asText());
            assertFalse(problem.get("title").asText().isBlank());
            assertFalse(problem.get("detail").asText().isBlank());
            if (field != null) {
                assertEquals(field, problem.get("field").asText(), response.body());
            }
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
        assertFalse(response.body().contains("Exception"), response.body());
        assertFalse(response.body().matches("(?s).*\\bat [a-z]+\\.[a-z].*"), response.body());
    }

    @Test
    void theOpenApiDocumentAgreesWithTheApp(AppUnderTest app) {
        OpenApiAgreement.assertAgrees(app, "fruits", app.running(RunningApp.class).routes(), JsonCodec::fieldNames);
    }
}
