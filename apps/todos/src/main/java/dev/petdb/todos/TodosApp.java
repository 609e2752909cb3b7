package dev.petdb.todos;

import dev.petdb.kit.PetApp;
import dev.petdb.kit.http.RouteTable;
import dev.petdb.todos.auth.AccessTokens;
import dev.petdb.todos.auth.AuthRoutes;
import dev.petdb.todos.auth.BearerAuth;
import dev.petdb.todos.auth.LoginThrottle;
import dev.petdb.todos.todo.TodoRoutes;
import dev.petdb.todos.todo.TodoStore;
import dev.petdb.todos.users.HashingSlots;
import dev.petdb.todos.users.UserRoutes;
import dev.petdb.todos.users.UserStore;
import io.helidon.dbclient.DbClient;

/**
 * todos: users who sign up with email and password, exchange them for bearer tokens, and keep their own todos.
 */
public final class TodosApp {
    /** The app as the kit runs it; tests start it from here too. */
    public static final PetApp APP = PetApp.named("todos", TodosApp::register);

    private TodosApp() {
    }

    /**
     * @param args none to serve, {@code migrate} to migrate and exit
     */
    public static void main(String[] args) {
        APP.main(args);
    }

    private static void register(RouteTable routes, DbClient db) {
        UserStore users = new UserStore(db);
        users.keyStoredEmails();
        AccessTokens tokens = new AccessTokens(db);
        BearerAuth bearer = new BearerAuth(tokens);
        HashingSlots hashing = HashingSlots.forThisMachine();
        new UserRoutes(users, bearer, hashing).register(routes);
        new AuthRoutes(users, tokens, new LoginThrottle(db), bearer, hashing).register(routes);
        new TodoRoutes(new TodoStore(db), TodoRoutes.feed(db), bearer).register(routes);
    }
}
