package dev.petdb.fruits;

import dev.petdb.kit.RunningApp;
import dev.petdb.testkit.app.AppLauncher;
import dev.petdb.testkit.app.AppServer;

/**
 * fruits for one test class, on a fresh database: {@code @ExtendWith(FruitsServer.class)}, then take an
 * {@code AppUnderTest} or a {@code TestHttp} as a parameter.
 */
final class FruitsServer extends AppServer {
    static final AppLauncher FRUITS = AppLauncher.of(FruitsApp.APP::start, RunningApp::port);

    FruitsServer() {
        super(FRUITS);
    }
}
