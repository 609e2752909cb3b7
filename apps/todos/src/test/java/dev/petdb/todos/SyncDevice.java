package dev.petdb.todos;

import static dev.petdb.todos.TodosClient.json;
import static dev.petdb.todos.TodosClient.read;
import static dev.petdb.todos.TodosClient.shown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petdb.testkit.TestHttp.Response;

/**
 * A mobile device syncing a user's todos as docs/apps.md tells a client to: it keeps a copy of each todo and the
 * cursor, reads {@code /todos/changes} until {@code has_more} is false, and writes with {@code If-Match}.
 */
final class SyncDevice {
    private final TodosClient todos;
    private final String token;
    private final int pageSize;
    /** The copy of the user's todos, by id. */
    final Map<Long, JsonNode> held = new TreeMap<>();
    /** Every change number this device was sent since its last full sync: none may come twice. */
    private final Set<Long> changesSeen = new HashSet<>();
    String cursor = "0";
    int pagesRead;
    int fullSyncs;

    SyncDevice(TodosClient todos, String token, int pageSize) {
        this.todos = todos;
        this.token = token;
        this.pageSize = pageSize;
    }

    /** Reads the feed to its end; on 410 drops its copy and syncs again from the start, as a client must. */
    void sync() {
        while (true) {
            Response response = todos.get("/todos/changes?since=" + cursor + "&limit=" + pageSize, token);
            if (response.status() == 410) {
                ProblemAssertions.assertProblem(response, 410, null);
                held.clear();
                changesSeen.clear();
                cursor = "0";
                fullSyncs++;
                continue;
            }
            assertEquals(200, response.status(), shown(response));
            JsonNode page = read(response);
            pagesRead++;
            long previous = cursor.equals("0") ? 0 : Long.parseLong(cursor.substring(cursor.indexOf('-') + 1));
            for (JsonNode change : page.get("changes")) {
                long number = change.get("change").asLong();
                assertTrue(number > previous, "changes come in increasing order: " + number + " after " + previous);
                assertTrue(changesSeen.add(number), "change " + number + " came twice");
                previous = number;
                long id = change.get("id").asLong();
                if (change.get("deleted").asBoolean()) {
                    held.remove(id);
                } else {
                    JsonNode before = held.get(id);
                    JsonNode item = change.get("item");
                    assertTrue(before == null || item.get("version").asLong() > before.get("version").asLong(),
                            "a todo's version only goes up");
                    held.put(id, item);
                }
            }
            cursor = page.get("next_cursor").asText();
            if (!page.get("has_more").asBoolean()) {
                return;
            }
        }
    }

    Response create(String title) {
        return todos.postJson("/todos", json("title", title), token);
    }

    /** Changes the title of a todo this device holds, expecting the version it holds. */
    Response rename(long id, String title) {
        return send("PATCH", id, json("title", title));
    }

    /** Deletes a todo this device holds, expecting the version it holds. */
    Response delete(long id) {
        return send("DELETE", id, null);
    }

    long version(long id) {
        return held.get(id).get("version").asLong();
    }

    private Response send(String method, long id, String body) {
        return sendIfMatch(todos, token, method, id, "\"" + version(id) + "\"", body);
    }

    /** Sends {@code method} to {@code /todos/ID} with {@code If-Match} and, unless null, a JSON body. */
    static Response sendIfMatch(TodosClient todos, String token, String method, long id, String ifMatch, String body) {
        HttpRequest.Builder request = todos.http.request("/todos/" + id)
                .header("Authorization", "Bearer " + token)
                .header("If-Match", ifMatch);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return todos.http.send(request);
    }

    /** @return the user's todos as the server lists them, by id: what every synced device must hold */
    static Map<Long, JsonNode> onServer(TodosClient todos, String token) {
        Map<Long, JsonNode> all = new TreeMap<>();
        for (int offset = 0; ; offset += 100) {
            Response response = todos.get("/todos?limit=100&offset=" + offset, token);
            assertEquals(200, response.status(), shown(response));
            JsonNode page = read(response).get("todos");
            page.forEach(todo -> all.put(todo.get("id").asLong(), todo));
            if (page.size() < 100) {
                return all;
            }
        }
    }
}
