package dev.petdb.todos;

import static dev.petdb.todos.TodosClient.shown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petdb.testkit.TestHttp.Response;

/** Checks of problem+json answers. */
final class ProblemAssertions {
    static final String CHALLENGE = "Bearer realm=\"todos\"";
    static final String INVALID_TOKEN = "Bearer realm=\"todos\", error=\"invalid_token\"";

    private ProblemAssertions() {
    }

    /** Asserts a problem+json response: status, the body's status, a detail, the field when given, no stack trace. */
    static JsonNode assertProblem(Response response, int status, String field) {
        assertEquals(status, response.status(), shown(response));
        assertEquals("application/problem+json", response.header("Content-Type").orElseThrow());
        JsonNode problem = TodosClient.read(response);
        assertEquals(status, problem.get("status").asInt());
        assertEquals("about:blank", problem.get("type").asText());
        assertFalse(problem.get("title").asText().isBlank());
        assertFalse(problem.get("detail").asText().isBlank());
        if (field != null) {
            assertEquals(field, problem.path("field").asText(), shown(response));
        }
        assertFalse(response.body().contains("Exception"), shown(response));
        assertFalse(response.body().matches("(?s).*\\bat [a-z]+\\.[a-z].*"), shown(response));
        return problem;
    }

    /** Asserts a 401 with exactly the given WWW-Authenticate challenge. */
    static JsonNode assertUnauthorized(Response response, String challenge) {
        JsonNode problem = assertProblem(response, 401, null);
        assertEquals(challenge, response.header("WWW-Authenticate").orElseThrow());
        return problem;
    }
}
