package dev.petdb.movies;

import dev.petdb.kit.RunningApp;
import dev.petdb.testkit.app.AppLauncher;
import dev.petdb.testkit.app.AppServer;
import dev.petdb.testkit.app.AppUnderTest;

/**
 * movies for one test class, on a fresh database whose migrations load the sample catalogue:
 * {@code @ExtendWith(MoviesServer.class)}, then take a {@link MoviesClient} as a parameter.
 */
final class MoviesServer extends AppServer {
    MoviesServer() {
        super(AppLauncher.of(MoviesApp.APP::start, RunningApp::port));
    }

    @Override
    protected Object view(AppUnderTest app) {
        return new MoviesClient(app);
    }
}
