package dev.petdb.todos.todo;

import java.net.URI;

import dev.petdb.kit.http.Json;
import dev.petdb.kit.http.ProblemException;
import dev.petdb.kit.http.Requests;
import dev.petdb.kit.http.RouteTable;
import dev.petdb.todos.auth.BearerAuth;
import dev.petdb.todos.auth.Caller;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /todos}: a signed-in user's own todos. Another user's todo answers 404 exactly like a missing one.
 */
public final class TodoRoutes {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final TodoStore store;
    private final BearerAuth bearer;

    /**
     * @param store  the todos table
     * @param bearer the bearer-token check
     */
    public TodoRoutes(TodoStore store, BearerAuth bearer) {
        this.store = store;
        this.bearer = bearer;
    }

    /**
     * @param routes where to declare the endpoints
     */
    public void register(RouteTable routes) {
        routes.get("/todos", bearer.protect(this::list))
                .post("/todos", bearer.protect(this::add))
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
        Json.send(response, Status.CREATED_201, todo);
    }

    private void get(ServerRequest request, ServerResponse response, Caller caller) {
        long id = Requests.idParameter(request, "id");
        Json.send(response, Status.OK_200, store.find(caller.userId(), id).orElseThrow(() -> notFound(id)));
    }

    private void update(ServerRequest request, ServerResponse response, Caller caller) {
        long id = Requests.idParameter(request, "id");
        var columns = Json.read(request, TodoChanges.class).validColumns();
        Json.send(response, Status.OK_200, store.update(caller.userId(), id, columns).orElseThrow(() -> notFound(id)));
    }

    private void delete(ServerRequest request, ServerResponse response, Caller caller) {
        long id = Requests.idParameter(request, "id");
        if (!store.delete(caller.userId(), id)) {
            throw notFound(id);
        }
        response.status(Status.NO_CONTENT_204).send();
    }

    private static ProblemException notFound(long id) {
        return ProblemException.notFound("no todo with id " + id);
    }
}
