package dev.petdb.testkit.app;

import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * How a test starts an app in its own JVM: from the variables Dokku would set, to a running app and its port. The
 * test kit knows no app kit (the kit's own tests use this kit), so an app hands over its start and port methods:
 * {@code AppLauncher.of(FruitsApp.APP::start, RunningApp::port)}.
 */
@FunctionalInterface
public interface AppLauncher {
    /**
     * A started app.
     *
     * @param port where it listens on localhost
     * @param app  closing it stops the app
     */
    record Launched(int port, AutoCloseable app) {
    }

    /**
     * @param environment variables as Dokku would set them ({@code PORT}, {@code DATABASE_URL}, ...)
     * @return the running app
     */
    Launched launch(Map<String, String> environment);

    /**
     * @param start starts the app from its environment, e.g. {@code FruitsApp.APP::start}
     * @param port  the port of a started app, e.g. {@code RunningApp::port}
     * @param <T>   the app kit's running app
     * @return a launcher that calls them
     */
    static <T extends AutoCloseable> AppLauncher of(Function<Map<String, String>, T> start, ToIntFunction<T> port) {
        return environment -> {
            T app = start.apply(environment);
            return new Launched(port.applyAsInt(app), app);
        };
    }
}
