package dev.petdb.fruits.items;

import java.net.URI;

import dev.petdb.kit.http.Json;
import dev.petdb.kit.http.ProblemException;
import dev.petdb.kit.http.Requests;
import dev.petdb.kit.http.RouteTable;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * fruits' endpoints: the seed's {@code GET /?filter=TEXT}, and {@code /items} to add, read and delete items.
 */
public final class ItemRoutes {
    /** A filter longer than any name cannot match; refusing it keeps the query cheap. */
    static final int MAX_FILTER_LENGTH = NewItem.MAX_NAME_LENGTH;

    private final ItemStore store;

    /**
     * @param store the items table
     */
    public ItemRoutes(ItemStore store) {
        this.store = store;
    }

    /**
     * @param routes where to declare the endpoints
     */
    public void register(RouteTable routes) {
        routes.get("/", this::list)
                .post("/items", this::add)
                .get("/items/{id}", this::get)
                .delete("/items/{id}", this::delete);
    }

    private void list(ServerRequest request, ServerResponse response) {
        String filter = Requests.query(request, "filter").orElse("");
        if (filter.codePointCount(0, filter.length()) > MAX_FILTER_LENGTH) {
            throw ProblemException.invalid("filter", "filter must be at most " + MAX_FILTER_LENGTH + " characters");
        }
        Json.send(response, Status.OK_200, store.namesContaining(filter));
    }

    private void add(ServerRequest request, ServerResponse response) {
        String name = Json.read(request, NewItem.class).validName();
        Item item = store.add(name)
                .orElseThrow(() -> ProblemException.conflict("name", "an item named '" + name + "' already exists"));
        response.headers().location(URI.create("/items/" + item.id()));
        Json.send(response, Status.CREATED_201, item);
    }

    private void get(ServerRequest request, ServerResponse response) {
        long id = Requests.idParameter(request, "id");
        Item item = store.find(id).orElseThrow(() -> ProblemException.notFound("no item with id " + id));
        Json.send(response, Status.OK_200, item);
    }

    private void delete(ServerRequest request, ServerResponse response) {
        long id = Requests.idParameter(request, "id");
        if (!store.delete(id)) {
            throw ProblemException.notFound("no item with id " + id);
        }
        response.status(Status.NO_CONTENT_204).send();
    }
}
