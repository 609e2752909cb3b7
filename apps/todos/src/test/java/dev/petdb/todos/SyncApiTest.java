package dev.petdb.todos;

import static dev.petdb.todos.ProblemAssertions.assertProblem;
import static dev.petdb.todos.ProblemAssertions.assertUnauthorized;
import static dev.petdb.todos.TodosClient.json;
import static dev.petdb.todos.TodosClient.read;
import static dev.petdb.todos.TodosClient.shown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petdb.testkit.TestHttp.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two or more devices of one user syncing their todos through {@code /todos/changes} over HTTP, against a real
 * PostgreSQL: concurrent edits and deletes, a device offline for a while, a cursor through many pages, a cursor past
 * the retention, and users who never see one another's todos.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(TodosServer.class)
class SyncApiTest {
    private TodosClient todos;

    @BeforeAll
    void start(TodosClient todos) {
        this.todos = todos;
    }

    @Test
    void twoDevicesStayInSyncThroughConcurrentEditsAndDeletes() {
        String token = todos.newUserToken();
        SyncDevice phone = new SyncDevice(todos, token, 3);
        SyncDevice tablet = new SyncDevice(todos, token, 3);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Response created = phone.create("todo " + i);
            assertEquals(201, created.status(), shown(created));
            assertEquals("\"1\"", created.header("ETag").orElseThrow());
            ids.add(read(created).get("id").asLong());
        }
        phone.sync();
        tablet.sync();
        assertEquals(5, tablet.held.size());

        // both edit the same todo from version 1: one wins, the other is told, and nothing is overwritten silently
        long both = ids.get(0);
        List<Response> edits = TodosClient.inParallel(List.of(
                () -> phone.rename(both, "phone's title"), () -> tablet.rename(both, "tablet's title")));
        assertEquals(Set.of(200, 412), edits.stream().map(Response::status).collect(Collectors.toSet()));
        Response lost = edits.get(0).status() == 412 ? edits.get(0) : edits.get(1);
        JsonNode problem = assertProblem(lost, 412, null);
        assertEquals("todo " + both + " has changed since you read it; it is at version 2 (ETag \"2\"): read it"
                + " again, then retry", problem.get("detail").asText());

        // one deletes what the other edits
        long contested = ids.get(1);
        List<Response> race = TodosClient.inParallel(List.<Supplier<Response>>of(
                () -> phone.delete(contested), () -> tablet.rename(contested, "renamed")));
        List<Integer> statuses = race.stream().map(Response::status).toList();
        assertTrue(statuses.equals(List.of(204, 404)) || statuses.equals(List.of(412, 200)),
                "the delete came first (the edit finds nothing) or the edit did (the delete expected an older"
                        + " version): " + statuses);

        phone.sync();
        tablet.sync();
        Map<Long, JsonNode> server = SyncDevice.onServer(todos, token);
        assertEquals(server, phone.held);
        assertEquals(server, tablet.held);
        assertEquals(edits.get(0).status() == 200 ? "phone's title" : "tablet's title",
                server.get(both).get("title").asText());
    }

    @Test
    void aDeviceOfflineForAWhilePushesItsEditsWithIfMatchAndResolvesWhatChangedMeanwhile() {
        String token = todos.newUserToken();
        SyncDevice phone = new SyncDevice(todos, token, 10);
        SyncDevice tablet = new SyncDevice(todos, token, 10);
        long shared = read(phone.create("shared")).get("id").asLong();
        long keptByPhone = read(phone.create("phone will edit this")).get("id").asLong();
        long untouched = read(phone.create("only the tablet deletes this")).get("id").asLong();
        phone.sync();
        tablet.sync();

        // the tablet goes offline: it remembers its edits with the versions it held then
        long tabletSawShared = tablet.version(shared);
        long tabletSawKept = tablet.version(keptByPhone);
        // meanwhile the phone goes on
        assertEquals(200, phone.rename(shared, "phone was first").status());
        assertEquals(200, phone.rename(keptByPhone, "phone's edit").status());
        assertEquals(201, phone.create("made while the tablet was away").status());

        // back online, the tablet sends what it queued, each with the version it saw
        Response staleEdit = sendIfMatch("PATCH", shared, tabletSawShared, json("title", "tablet, offline"), token);
        assertProblem(staleEdit, 412, null);
        Response staleDelete = sendIfMatch("DELETE", keptByPhone, tabletSawKept, null, token);
        assertProblem(staleDelete, 412, null);
        assertEquals(204, tablet.delete(untouched).status(), "unchanged since the tablet read it: the delete goes");
        // it syncs, sees the phone's changes, and re-applies its edit on top of them; it drops the delete
        tablet.sync();
        assertEquals("phone was first", tablet.held.get(shared).get("title").asText());
        Response reapplied = tablet.rename(shared, "phone was first, then the tablet");
        assertEquals(200, reapplied.status(), shown(reapplied));
        assertEquals("\"3\"", reapplied.header("ETag").orElseThrow());

        phone.sync();
        tablet.sync();
        Map<Long, JsonNode> server = SyncDevice.onServer(todos, token);
        assertEquals(3, server.size());
        assertEquals(server, phone.held);
        assertEquals(server, tablet.held);
    }

    @Test
    void aCursorCrossesManyPagesAndEachTodoComesOnce() {
        String token = todos.newUserToken();
        for (int i = 0; i < 230; i++) {
            assertEquals(201, todos.postJson("/todos", json("title", "t" + i), token).status());
        }
        SyncDevice device = new SyncDevice(todos, token, 9);
        device.sync();
        assertEquals(26, device.pagesRead, "230 changes, 9 a page");
        assertEquals(SyncDevice.onServer(todos, token), device.held);

        Response quiet = todos.get("/todos/changes?since=" + device.cursor, token);
        assertEquals(200, quiet.status());
        JsonNode page = read(quiet);
        assertEquals(0, page.get("changes").size());
        assertEquals(device.cursor, page.get("next_cursor").asText());
        assertTrue(!page.get("has_more").asBoolean());
    }

    @Test
    void usersNeverSeeOneAnothersChangesNorWriteOneAnothersTodos() {
        String alice = todos.newUserToken();
        String bob = todos.newUserToken();
        long alices = read(todos.postJson("/todos", json("title", "alice's"), alice)).get("id").asLong();
        long deleted = read(todos.postJson("/todos", json("title", "alice's, deleted"), alice)).get("id").asLong();
        assertEquals(204, todos.delete("/todos/" + deleted, alice).status());
        long bobs = read(todos.postJson("/todos", json("title", "bob's"), bob)).get("id").asLong();

        SyncDevice bobsPhone = new SyncDevice(todos, bob, 50);
        bobsPhone.sync();
        assertEquals(Set.of(bobs), bobsPhone.held.keySet());
        JsonNode all = read(todos.get("/todos/changes", bob)).get("changes");
        for (JsonNode change : all) {
            assertEquals(bobs, change.get("id").asLong(), "only bob's rows, no tombstone of alice's: " + all);
        }
        assertProblem(sendIfMatch("PATCH", alices, 1, json("title", "bob was here"), bob), 404, null);
        assertProblem(sendIfMatch("DELETE", alices, 1, null, bob), 404, null);
        assertEquals("alice's", read(todos.get("/todos/" + alices, alice)).get("title").asText());
    }

    @Test
    void aCursorOlderThanTheTombstonesKeptAnswers410AndTheDeviceSyncsAgainFromTheStart() {
        // an app of its own, restarted below: an instance removes old tombstones at most once a minute
        TodosClient todos = TodosClient.start();
        try {
            String token = todos.newUserToken();
            SyncDevice phone = new SyncDevice(todos, token, 10);
            long gone = read(phone.create("deleted while the tablet slept")).get("id").asLong();
            phone.create("stays");
            SyncDevice sleeping = new SyncDevice(todos, token, 10);
            sleeping.sync();
            String sleepingCursor = sleeping.cursor;
            phone.sync();
            assertEquals(204, phone.delete(gone).status());
            // a month passes, with a deploy: the tombstone is older than the 30-day retention and goes at the next read
            todos.update("UPDATE todos.petdb_changes SET changed_at = now() - interval '31 days' WHERE row_id = ?",
                    gone);
            todos = todos.restarted();

            // the same tablet, waking up: what it held and its cursor, on the redeployed app
            SyncDevice tablet = new SyncDevice(todos, token, 10);
            tablet.held.putAll(sleeping.held);
            tablet.cursor = sleepingCursor;
            assertTrue(tablet.held.containsKey(gone));
            Response expired = todos.get("/todos/changes?since=" + sleepingCursor, token);
            JsonNode problem = assertProblem(expired, 410, null);
            assertTrue(problem.get("detail").asText().startsWith("cursor " + sleepingCursor + " is older than the"
                    + " deletions this feed remembers (30 days)"), problem.toString());
            tablet.sync();
            assertEquals(1, tablet.fullSyncs);
            assertEquals(SyncDevice.onServer(todos, token), tablet.held);
            assertTrue(!tablet.held.containsKey(gone));
        } finally {
            todos.close();
        }
    }

    @Test
    void concurrentDevicesWritingWhileAnotherSyncsLeaveItEqualToTheServer() throws Exception {
        String token = todos.newUserToken();
        SyncDevice watcher = new SyncDevice(todos, token, 5);
        List<CompletableFuture<Void>> running = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(5);
        try {
            for (int w = 0; w < 4; w++) {
                running.add(CompletableFuture.runAsync(() -> writeRandomly(new SyncDevice(todos, token, 20), 25),
                        threads));
            }
            running.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 40; i++) {
                    watcher.sync();
                }
            }, threads));
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(3, TimeUnit.MINUTES);
        } finally {
            threads.shutdownNow();
        }
        watcher.sync();
        assertEquals(SyncDevice.onServer(todos, token), watcher.held);
    }

    @Test
    void malformedCursorsLimitsAndPreconditionsAnswerProblems() {
        String token = todos.newUserToken();
        long id = read(todos.postJson("/todos", json("title", "x"), token)).get("id").asLong();
        assertProblem(todos.get("/todos/changes?since=abc", token), 400, "since");
        assertProblem(todos.get("/todos/changes?since=-1", token), 400, "since");
        assertProblem(todos.get("/todos/changes?limit=0", token), 400, "limit");
        assertProblem(todos.get("/todos/changes?limit=1001", token), 400, "limit");
        assertProblem(todos.get("/todos/changes?since=1", token), 400, "since");
        String cursor = read(todos.get("/todos/changes", token)).get("next_cursor").asText();
        String epoch = cursor.substring(0, cursor.indexOf('-'));
        assertProblem(todos.get("/todos/changes?since=" + epoch + "-999999999", token), 410, null);
        String otherEpoch = (epoch.equals("1") ? "2" : "1") + cursor.substring(cursor.indexOf('-'));
        assertProblem(todos.get("/todos/changes?since=" + otherEpoch, token), 410, null);
        assertUnauthorized(todos.http.get("/todos/changes"), ProblemAssertions.CHALLENGE);

        assertProblem(SyncDevice.sendIfMatch(todos, token, "DELETE", id, "W/\"1\"", null), 412, null);
        assertProblem(SyncDevice.sendIfMatch(todos, token, "DELETE", id, "\"1\", \"2\"", null), 400, null);
        assertProblem(sendIfMatch("PATCH", id, 1, json("title", "y", "version", 2), token), 400, "version");
        // the body's version alone works as If-Match does
        assertProblem(todos.patchJson("/todos/" + id, json("title", "y", "version", 7), token), 412, null);
        assertEquals(200, todos.patchJson("/todos/" + id, json("title", "y", "version", 1), token).status());
        // If-Match: * asks only that the todo exists
        assertEquals(204, SyncDevice.sendIfMatch(todos, token, "DELETE", id, "*", null).status());
        JsonNode changes = read(todos.get("/todos/changes", token)).get("changes");
        assertEquals(1, changes.size(), changes.toString());
        assertEquals(id, changes.get(0).get("id").asLong());
        assertTrue(changes.get(0).get("deleted").asBoolean(), "the delete left its tombstone: " + changes);
    }

    /** Syncs, then creates, renames or deletes a todo it holds, {@code times} times. */
    private static void writeRandomly(SyncDevice device, int times) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < times; i++) {
            device.sync();
            List<Long> ids = List.copyOf(device.held.keySet());
            int choice = ids.isEmpty() ? 0 : random.nextInt(4);
            long id = ids.isEmpty() ? 0 : ids.get(random.nextInt(ids.size()));
            Response response = switch (choice) {
                case 0, 1 -> device.create("w" + i);
                case 2 -> device.rename(id, "renamed " + i);
                default -> device.delete(id);
            };
            // another device may have changed or deleted it since this one synced
            assertTrue(Set.of(200, 201, 204, 404, 412).contains(response.status()), shown(response));
        }
    }

    private Response sendIfMatch(String method, long id, long version, String body, String token) {
        return SyncDevice.sendIfMatch(todos, token, method, id, "\"" + version + "\"", body);
    }
}
