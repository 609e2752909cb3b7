package dev.petdb.todos.todo;

import java.net.URI;
import java.util.OptionalLong;

import dev.petdb.kit.feed.ChangesFeed;
import dev.petdb.kit.feed.RowVersions;
import dev.petdb.kit.http.Json;
import dev.petdb.kit.http.ProblemException;
import dev.petdb.kit.http.Requests;
import dev.petdb.kit.http.RouteTable;
import dev.petdb.todos.auth.BearerAuth;
import dev.petdb.todos.auth.Caller;
import io.helidon.dbclient.DbClient;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /todos}: a signed-in user's own todos. Another user's todo answers 404 exactly like a missing one. Devices
 * sync through {@code /todos/changes}; a write that sends the version it last saw (If-Match or {@code version}) gets
 * 412 instead of overwriting another device's change.
 */
public final class TodoRoutes {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final TodoStore store;
    private final ChangesFeed<Todo> feed;
    private final BearerAuth bearer;

    /**
     * @param store  the todos table
     * @param feed   the changes of the todos table, each user's own
     * @param bearer the bearer-token check
     */
    public TodoRoutes(TodoStore store, ChangesFeed<Todo> feed, BearerAuth bearer) {
        this.store = store;
        this.feed = feed;
        this.bearer = bearer;
    }

    /**
     * @param db the app's database client
     * @return the changes feed of the todos table, which migration V3 tracks by user
     */
    public static ChangesFeed<Todo> feed(DbClient db) {
        return ChangesFeed.of(db, "todos", TodoStore.COLUMNS, TodoStore::todo);
    }

    /**
     * @param routes where to declare the endpoints
     */
    public void register(RouteTable routes) {
        routes.get("/todos", bearer.protect(this::list))
                .post("/todos", bearer.protect(this::add))
                // before /todos/{id}, which would take "changes" for an id
                .get("/todos/changes", bearer.protect((request, response, caller) ->
                        feed.answer(request, response, caller.userId())))
                .get("/todos/{id}", bearer.protect(this::get))
                .patch("/todos/{id}", bearer.protect(this::update))
                .delete("/todos/{id}", bearer.protect(this::delete));
    }

    private void list(ServerRequest request, ServerResponse response, Caller caller) {
        TodoState state = Requests.query(request, "state").map(text -> TodoState.parse("state", text)).orElse(null);
        String title = Requests.query(request, "title").orElse("");
        // a filter longer than any title cannot match; refusing it keeps the query cheap
        if (title.codePointCount(0, title.length()) > TodoFields.MAX_TITLE_LENGTH) {
            throw ProblemException.invalid("title", "title must be at most " + TodoFields.MAX_TITLE_LENGTH
                    + " characters");
        }
        int limit = Requests.intQuery(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = Requests.intQuery(request, "offset", 0, 0, Integer.MAX_VALUE);
        TodoQuery query = new TodoQuery(state, title, limit, offset);
        Json.send(response, Status.OK_200, new TodoPage(store.list(caller.userId(), query)));
    }

    private void add(ServerRequest request, ServerResponse response, Caller caller) {
        Todo todo = store.add(caller.userId(), Json.read(request, NewTodo.class).valid());
        response.headers().location(URI.create("/todos/" + todo.id()));
        send(response, Status.CREATED_201, todo);
    }

    private void get(ServerRequest request, ServerResponse response, Caller caller) {
        long id = Requests.idParameter(request, "id");
        send(response, Status.OK_200, store.find(caller.userId(), id).orElseThrow(() -> notFound(id)));
    }

    private void update(ServerRequest request, ServerResponse response, Caller caller) {
        long id = Requests.idParameter(request, "id");
        TodoChanges changes = Json.read(request, TodoChanges.class);
        var columns = changes.validColumns();
        OptionalLong expected = RowVersions.expected(request, changes.version());
        Todo todo = store.update(caller.userId(), id, columns, expected)
                .orElseThrow(() -> notFoundOrChanged(caller, id, expected));
        send(response, Status.OK_200, todo);
    }

    private void delete(ServerRequest request, ServerResponse response, Caller caller) {
        long id = Requests.idParameter(request, "id");
        OptionalLong expected = RowVersions.expected(request, null);
        if (!store.delete(caller.userId(), id, expected)) {
            throw notFoundOrChanged(caller, id, expected);
        }
        response.status(Status.NO_CONTENT_204).send();
    }

    /** A todo as the body, its version as the ETag that a later write sends back as If-Match. */
    private static void send(ServerResponse response, Status status, Todo todo) {
        response.header(HeaderNames.ETAG, RowVersions.etag(todo.version()));
        Json.send(response, status, todo);
    }

    /** After a write that changed nothing: 412 when the todo is there at another version than expected, else 404. */
    private ProblemException notFoundOrChanged(Caller caller, long id, OptionalLong expected) {
        if (expected.isPresent()) {
            OptionalLong current = store.version(caller.userId(), id);
            if (current.isPresent()) {
                return RowVersions.changedSince("todo " + id, current.getAsLong());
            }
        }
        return notFound(id);
    }

    private static ProblemException notFound(long id) {
        return ProblemException.notFound("no todo with id " + id);
    }
}
