package dev.petdb.todos;

import java.util.Map;

import dev.petdb.kit.RunningApp;
import dev.petdb.testkit.app.AppLauncher;
import dev.petdb.testkit.app.AppServer;
import dev.petdb.testkit.app.AppUnderTest;

/**
 * todos for one test class, on a fresh database: {@code @ExtendWith(TodosServer.class)}, then take a
 * {@link TodosClient} as a parameter.
 */
final class TodosServer extends AppServer {
    static final AppLauncher TODOS = AppLauncher.of(TodosApp.APP::start, RunningApp::port);

    TodosServer() {
        super(TODOS);
    }

    /** With further settings, such as {@code DB_POOL_SIZE}: {@code @RegisterExtension static final TodosServer ...}. */
    TodosServer(Map<String, String> settings) {
        super(TODOS, settings);
    }

    @Override
    protected Object view(AppUnderTest app) {
        return new TodosClient(app);
    }
}
