package dev.petdb.testkit.app;

import java.util.Map;

import dev.petdb.testkit.TestHttp;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension in the spirit of Helidon's {@code @ServerTest}: one app per test class, started before its
 * first test on a free port and a new database of the shared test PostgreSQL, stopped after its last. Tests get it as
 * a parameter (constructor, {@code @BeforeAll}, test method) of type {@link AppUnderTest}, {@link TestHttp}, or what
 * {@link #view} makes of it, such as an app's own client:
 * <pre>{@code
 * @RegisterExtension
 * static final AppServer APP = new AppServer(AppLauncher.of(NotesApp.APP::start, RunningApp::port));
 *
 * NotesAppTest(TestHttp http) { this.http = http; }
 * }</pre>
 * Several test classes of one app share a subclass with a no-argument constructor: {@code @ExtendWith(TodosServer.class)}.
 */
public class AppServer implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private record Started(AppUnderTest app, Object view) {
    }

    private final AppLauncher launcher;
    private final Map<String, String> settings;

    /**
     * @param launcher how to start the app
     */
    public AppServer(AppLauncher launcher) {
        this(launcher, Map.of());
    }

    /**
     * @param launcher how to start the app
     * @param settings further variables, such as {@code DB_POOL_SIZE}
     */
    public AppServer(AppLauncher launcher, Map<String, String> settings) {
        this.launcher = launcher;
        this.settings = Map.copyOf(settings);
    }

    /**
     * What tests may further ask for: override to hand them an app's own client.
     *
     * @param app the started app
     * @return the object tests receive for a parameter of its type; by default the app itself
     */
    protected Object view(AppUnderTest app) {
        return app;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        started(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Started started = store(context).remove(key(context), Started.class);
        if (started != null) {
            started.app().close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == AppUnderTest.class || type == TestHttp.class || type.isInstance(started(context).view());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        Started started = started(context);
        if (type == AppUnderTest.class) {
            return started.app();
        }
        return type == TestHttp.class ? started.app().http() : started.view();
    }

    /** Started on first use: a test instance per class is made, and asks for its parameters, before beforeAll. */
    private Started started(ExtensionContext context) {
        return store(context).getOrComputeIfAbsent(key(context), key -> {
            AppUnderTest app = AppUnderTest.start(launcher, settings);
            return new Started(app, view(app));
        }, Started.class);
    }

    /** The test class's own store, also when asked from one of its methods. */
    private static ExtensionContext.Store store(ExtensionContext context) {
        return classContext(context).getStore(ExtensionContext.Namespace.create(AppServer.class));
    }

    private static Class<?> key(ExtensionContext context) {
        return classContext(context).getRequiredTestClass();
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }
}
