package dev.petdb.todos;

import static dev.petdb.todos.ProblemAssertions.CHALLENGE;
import static dev.petdb.todos.ProblemAssertions.assertProblem;
import static dev.petdb.todos.ProblemAssertions.assertUnauthorized;
import static dev.petdb.todos.TodosClient.json;
import static dev.petdb.todos.TodosClient.read;
import static dev.petdb.todos.TodosClient.shown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petdb.testkit.TestHttp.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /todos} over HTTP against a real PostgreSQL: each user's own todos, filters, paging and every error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(TodosServer.class)
class TodosApiTest {
    private TodosClient todos;
    /** A user for tests that need not see an empty list. */
    private String token;

    @BeforeAll
    void start(TodosClient todos) {
        this.todos = todos;
        token = todos.newUserToken();
    }

    @Test
    void todoLifecycleCreateReadDelete() {
        Response created = todos.postJson("/todos", json("title", "  Buy milk  ", "description", "2 litres"), token);
        assertEquals(201, created.status(), shown(created));
        JsonNode todo = read(created);
        long id = todo.get("id").asLong();
        assertEquals("/todos/" + id, created.header("Location").orElseThrow());
        assertEquals(Set.of("id", "title", "description", "state", "created_at", "updated_at", "version"),
                fieldNames(todo));
        assertEquals("Buy milk", todo.get("title").asText());
        assertEquals("2 litres", todo.get("description").asText());
        assertEquals("todo", todo.get("state").asText(), "the default state");
        assertEquals(todo.get("created_at"), todo.get("updated_at"));

        Response read = todos.get("/todos/" + id, token);
        assertEquals(200, read.status());
        assertEquals(todo, read(read));

        assertEquals(204, todos.delete("/todos/" + id, token).status());
        assertProblem(todos.get("/todos/" + id, token), 404, null);
        assertProblem(todos.delete("/todos/" + id, token), 404, null);
    }

    @Test
    void everyStateIsAcceptedAndDescriptionIsOptional() {
        for (String state : List.of("draft", "todo", "doing", "done", "trash")) {
            Response created = todos.postJson("/todos", json("title", "in " + state, "state", state), token);
            assertEquals(201, created.status(), shown(created));
            assertEquals(state, read(created).get("state").asText());
            assertTrue(read(created).get("description").isNull());
        }
        Response nullDescription = todos.postJson("/todos", json("title", "x", "description", null), token);
        assertEquals(201, nullDescription.status());
    }

    @Test
    void invalidNewTodosAnswer400NamingTheField() {
        assertProblem(todos.postJson("/todos", "{}", token), 400, "title");
        assertProblem(todos.postJson("/todos", json("title", null), token), 400, "title");
        assertProblem(todos.postJson("/todos", json("title", "   "), token), 400, "title");
        assertProblem(todos.postJson("/todos", json("title", "t".repeat(201)), token), 400, "title");
        assertProblem(todos.postJson("/todos", json("title", "tab\there"), token), 400, "title");
        assertProblem(todos.postJson("/todos", "{\"title\":42}", token), 400, "title");
        assertProblem(todos.postJson("/todos", json("title", "ok", "state", "later"), token), 400, "state");
        assertProblem(todos.postJson("/todos", json("title", "ok", "state", "TODO"), token), 400, "state");
        assertProblem(todos.postJson("/todos", json("title", "ok", "description", "d".repeat(2001)), token), 400,
                "description");
        assertProblem(todos.postJson("/todos", json("title", "ok", "description", "nul\u0000"), token), 400,
                "description");
        assertProblem(todos.postJson("/todos", "{\"title\":", token), 400, null);
        assertProblem(todos.http.send(todos.http.request("/todos").header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/plain").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))),
                415, null);
    }

    @Test
    void longestTitleAndDescriptionAreAccepted() {
        Response created = todos.postJson("/todos", json("title", "ü".repeat(200),
                "description", "line one\nline two\t" + "d".repeat(1982)), token);
        assertEquals(201, created.status(), shown(created));
        assertEquals(2000, read(created).get("description").asText().length());
    }

    @Test
    void patchChangesOnlyTheFieldsSent() throws Exception {
        JsonNode todo = read(todos.postJson("/todos", json("title", "Paint", "description", "the fence", "state",
                "draft"), token));
        String path = "/todos/" + todo.get("id").asLong();

        Response patched = todos.patchJson(path, json("state", "doing"), token);
        assertEquals(200, patched.status(), shown(patched));
        JsonNode afterState = read(patched);
        assertEquals("Paint", afterState.get("title").asText());
        assertEquals("the fence", afterState.get("description").asText());
        assertEquals("doing", afterState.get("state").asText());
        assertEquals(todo.get("created_at"), afterState.get("created_at"));
        assertTrue(Instant.parse(afterState.get("updated_at").asText())
                .isAfter(Instant.parse(todo.get("updated_at").asText())), "updated_at moves on");
        assertEquals(afterState, read(todos.get(path, token)));

        JsonNode afterTitle = read(todos.patchJson(path, json("title", "  Paint the fence "), token));
        assertEquals("Paint the fence", afterTitle.get("title").asText());
        assertEquals("the fence", afterTitle.get("description").asText());
        assertEquals("doing", afterTitle.get("state").asText());

        JsonNode afterDescription = read(todos.patchJson(path, json("description", null), token));
        assertTrue(afterDescription.get("description").isNull(), "an explicit null removes the description");
        assertEquals("Paint the fence", afterDescription.get("title").asText());

        JsonNode afterAll = read(todos.patchJson(path, json("title", "Done painting", "description", "white",
                "state", "done"), token));
        assertEquals(List.of("Done painting", "white", "done"), List.of(afterAll.get("title").asText(),
                afterAll.get("description").asText(), afterAll.get("state").asText()));

        JsonNode afterNothing = read(todos.patchJson(path, "{}", token));
        assertEquals(List.of("Done painting", "white", "done"), List.of(afterNothing.get("title").asText(),
                afterNothing.get("description").asText(), afterNothing.get("state").asText()));
    }

    @Test
    void invalidPatchesAnswer400AndChangeNothing() {
        JsonNode todo = read(todos.postJson("/todos", json("title", "Keep me", "state", "todo"), token));
        String path = "/todos/" + todo.get("id").asLong();
        assertProblem(todos.patchJson(path, json("title", null), token), 400, "title");
        assertProblem(todos.patchJson(path, json("state", null), token), 400, "state");
        assertProblem(todos.patchJson(path, json("state", "nope"), token), 400, "state");
        assertProblem(todos.patchJson(path, json("title", ""), token), 400, "title");
        assertProblem(todos.patchJson(path, json("title", "fine", "description", "d".repeat(2001)), token), 400,
                "description");
        assertProblem(todos.patchJson(path, "{\"state\":true}", token), 400, "state");
        assertProblem(todos.patchJson(path, "[]", token), 400, null);
        assertEquals(todo, read(todos.get(path, token)), "nothing changed, not even updated_at");
        assertProblem(todos.patchJson("/todos/999999999", json("title", "x"), token), 404, null);
    }

    @Test
    void anotherUsersTodoIsNotFoundAndNotListed() {
        String owner = todos.newUserToken();
        String other = todos.newUserToken();
        JsonNode todo = read(todos.postJson("/todos", json("title", "Private"), owner));
        long id = todo.get("id").asLong();
        String path = "/todos/" + id;
        JsonNode missing = read(todos.postJson("/todos", json("title", "gone"), other));
        long missingId = missing.get("id").asLong();
        assertEquals(204, todos.delete("/todos/" + missingId, other).status());

        // the same answer as for an id that does not exist
        assertSameNotFound(todos.get(path, other), todos.get("/todos/" + missingId, other), id, missingId);
        assertSameNotFound(todos.patchJson(path, json("title", "Mine now"), other),
                todos.patchJson("/todos/" + missingId, json("title", "Mine now"), other), id, missingId);
        assertSameNotFound(todos.delete(path, other), todos.delete("/todos/" + missingId, other), id, missingId);
        assertEquals(List.of(), titles(todos.get("/todos", other)));

        assertEquals(todo, read(todos.get(path, owner)), "untouched");
        assertEquals(List.of("Private"), titles(todos.get("/todos", owner)));
    }

    @Test
    void listFiltersByStateAndByTitleTextTakenLiterally() {
        String user = todos.newUserToken();
        for (String[] titleAndState : new String[][] {{"Buy milk", "todo"}, {"buy bread", "done"},
                {"100% done", "doing"}, {"a_b item", "todo"}, {"axb item", "todo"}, {"Call mom", "draft"},
                {"back\\slash", "trash"}}) {
            assertEquals(201, todos.postJson("/todos", json("title", titleAndState[0], "state", titleAndState[1]), user)
                    .status());
        }
        assertEquals(List.of("Buy milk", "a_b item", "axb item"), titles(todos.get("/todos?state=todo", user)));
        assertEquals(List.of("back\\slash"), titles(todos.get("/todos?state=trash", user)));
        assertEquals(List.of("Buy milk", "buy bread"), titles(todos.get("/todos?title=BUY", user)));
        assertEquals(List.of("100% done"), titles(todos.get("/todos?title=%25", user)));
        assertEquals(List.of("a_b item"), titles(todos.get("/todos?title=_", user)));
        assertEquals(List.of("back\\slash"), titles(todos.get("/todos?title=%5C", user)));
        assertEquals(List.of("buy bread"), titles(todos.get("/todos?state=done&title=buy", user)));
        assertEquals(List.of(), titles(todos.get("/todos?state=doing&title=buy", user)));
        assertEquals(7, titles(todos.get("/todos?title=", user)).size(), "an empty filter matches all");

        assertProblem(todos.get("/todos?state=bogus", user), 400, "state");
        assertProblem(todos.get("/todos?state=", user), 400, "state");
        assertProblem(todos.get("/todos?title=" + "a".repeat(201), user), 400, "title");
    }

    @Test
    void listPagesByLimitAndOffsetInIdOrder() {
        String user = todos.newUserToken();
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= 21; i++) {
            ids.add(read(todos.postJson("/todos", json("title", "item " + i), user)).get("id").asLong());
        }
        // changing a todo does not move it
        assertEquals(200, todos.patchJson("/todos/" + ids.get(0), json("title", "zzz first", "state", "done"), user)
                .status());

        assertEquals(ids.subList(0, 20), ids(todos.get("/todos", user)), "20 by default");
        assertEquals(ids, ids(todos.get("/todos?limit=100", user)));
        assertEquals(ids.subList(0, 1), ids(todos.get("/todos?limit=1", user)));
        assertEquals(ids.subList(2, 5), ids(todos.get("/todos?limit=3&offset=2", user)));
        assertEquals(ids.subList(20, 21), ids(todos.get("/todos?offset=20", user)));
        assertEquals(List.of(), ids(todos.get("/todos?offset=21", user)));
        assertEquals(List.of(), ids(todos.get("/todos?offset=2147483647", user)));
        assertEquals(ids(todos.get("/todos?limit=100", user)), ids(todos.get("/todos?limit=100", user)), "stable");

        for (String bad : List.of("limit=0", "limit=101", "limit=-1", "limit=abc", "limit=1.5", "limit=")) {
            assertProblem(todos.get("/todos?" + bad, user), 400, "limit");
        }
        for (String bad : List.of("offset=-1", "offset=abc", "offset=99999999999")) {
            assertProblem(todos.get("/todos?" + bad, user), 400, "offset");
        }
    }

    @Test
    void everyTodoEndpointNeedsAToken() {
        assertUnauthorized(todos.http.get("/todos"), CHALLENGE);
        assertUnauthorized(todos.http.postJson("/todos", json("title", "unauthenticated")), CHALLENGE);
        assertUnauthorized(todos.http.get("/todos/1"), CHALLENGE);
        assertUnauthorized(todos.http.send("PATCH", "/todos/1", "application/json", "{}".getBytes()), CHALLENGE);
        assertUnauthorized(todos.http.delete("/todos/1"), CHALLENGE);
        assertEquals(0L, todos.value("SELECT count(*) FROM todos.todos WHERE title = 'unauthenticated'"),
                "nothing was stored");
    }

    @Test
    void wrongMethodsAnswer405AndUnknownPaths404() {
        Response put = todos.http.send("PUT", "/todos/1", "application/json", "{}".getBytes());
        assertProblem(put, 405, null);
        assertEquals(Set.of("GET", "PATCH", "DELETE", "HEAD"),
                new HashSet<>(Arrays.asList(put.header("Allow").orElseThrow().split(", "))));
        Response deleteAll = todos.http.delete("/todos");
        assertProblem(deleteAll, 405, null);
        assertEquals(Set.of("GET", "POST", "HEAD"),
                new HashSet<>(Arrays.asList(deleteAll.header("Allow").orElseThrow().split(", "))));
        assertProblem(todos.http.get("/nothing/here"), 404, null);
        assertProblem(todos.get("/todos/abc", token), 404, null);
        assertProblem(todos.get("/todos/0", token), 404, null);
        assertProblem(todos.get("/todos/99999999999999999999", token), 404, null);
    }

    private static void assertSameNotFound(Response other, Response missing, long otherId, long missingId) {
        assertProblem(other, 404, null);
        assertProblem(missing, 404, null);
        assertEquals(missing.body().replace(String.valueOf(missingId), "ID"),
                other.body().replace(String.valueOf(otherId), "ID"));
    }

    private static List<String> titles(Response response) {
        assertEquals(200, response.status(), shown(response));
        List<String> titles = new ArrayList<>();
        read(response).get("todos").forEach(todo -> titles.add(todo.get("title").asText()));
        return titles;
    }

    private static List<Long> ids(Response response) {
        assertEquals(200, response.status(), shown(response));
        JsonNode body = read(response);
        assertEquals(Set.of("todos"), fieldNames(body));
        List<Long> ids = new ArrayList<>();
        body.get("todos").forEach(todo -> ids.add(todo.get("id").asLong()));
        return ids;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
