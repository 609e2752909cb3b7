package dev.petdb.todos;

import static dev.petdb.todos.TodosClient.json;
import static dev.petdb.todos.TodosClient.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petdb.testkit.RawHttp;
import dev.petdb.testkit.TestHttp.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The kit's smuggling guard in todos, behind its bearer authentication: a signed-in request with a malformed chunked
 * body answers 400 and closes, and the DELETE hidden in that body never runs. fruits' HttpFramingTest covers the rest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(TodosServer.class)
class RequestSmugglingTest {
    private TodosClient todos;
    private String token;

    @BeforeAll
    void start(TodosClient todos) {
        this.todos = todos;
        token = todos.newUserToken();
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
