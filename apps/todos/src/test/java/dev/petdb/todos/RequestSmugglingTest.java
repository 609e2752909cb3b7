package dev.petdb.todos;

import static dev.petdb.todos.TodosUnderTest.json;
import static dev.petdb.todos.TodosUnderTest.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petdb.testkit.RawHttp;
import dev.petdb.testkit.TestHttp.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The kit's smuggling guard in todos, behind its bearer authentication: a signed-in request with a malformed chunked
 * body answers 400 and closes, and the DELETE hidden in that body never runs. fruits' HttpFramingTest covers the rest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestSmugglingTest {
    private TodosUnderTest todos;
    private String token;

    @BeforeAll
    void start() {
        todos = TodosUnderTest.start();
        token = todos.newUserToken();
    }

    @AfterAll
    void stop() {
        todos.close();
    }

    @Test
    void aDeleteHiddenInAMalformedChunkedBodyNeverRuns() {
        Response created = todos.postJson("/todos", json("title", "keep me"), token);
        assertEquals(201, created.status(), created.body());
        long id = read(created).get("id").asLong();
        String auth = "Authorization: Bearer " + token + "\r\n";

        RawHttp.Exchange exchange = RawHttp.send(todos.app.port(), "POST /todos HTTP/1.1\r\nHost: localhost\r\n" + auth
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"
                + "DELETE /todos/" + id + " HTTP/1.1\r\nHost: localhost\r\n" + auth + "\r\n", false);

        RawHttp.Response response = exchange.only();
        assertEquals(400, response.status(), response.statusLine());
        assertEquals("application/problem+json", response.header("Content-Type").orElse(null));
        assertEquals("close", response.header("Connection").orElse(null));
        assertTrue(exchange.closed());
        assertEquals(200, todos.get("/todos/" + id, token).status(), "the hidden DELETE ran");
    }
}
