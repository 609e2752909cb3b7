package dev.petdb.kit;

import java.io.IOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import com.zaxxer.hikari.HikariDataSource;
import dev.petdb.dburl.AppNameRule;
import dev.petdb.kit.config.AppSettings;
import dev.petdb.dburl.DatabaseUrl;
import dev.petdb.kit.config.StartupException;
import dev.petdb.kit.db.EmbeddedDatabase;
import dev.petdb.kit.db.PooledConnections;
import dev.petdb.kit.db.SchemaDataSources;
import dev.petdb.kit.db.SchemaMigrations;
import dev.petdb.kit.http.Endpoints;
import dev.petdb.kit.http.Health;
import dev.petdb.kit.http.Http10Requests;
import dev.petdb.kit.http.Json;
import dev.petdb.kit.http.OpenApiDocument;
import dev.petdb.kit.http.Problems;
import dev.petdb.kit.http.ServerRouting;
import dev.petdb.kit.limits.ClientRateLimit;
import io.helidon.common.socket.SocketOptions;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import io.helidon.http.DirectHandler;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.DirectHandlers;

/**
 * A tiny petdb app: a name and its routes. Everything else (configuration from the environment, the schema-bound
 * pool, migrations, the embedded default database, errors, health, the OpenAPI document, access log, per-client rate
 * limits, graceful stop) comes from here.
 * <pre>{@code
 * public static void main(String[] args) {
 *     PetApp.named("fruits", (routes, db) -> new ItemRoutes(new ItemStore(db)).register(routes)).main(args);
 * }
 * }</pre>
 */
public final class PetApp {
    static {
        // before the first logger below, and by name: loading the class would start the JDK's own manager
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", "dev.petdb.kit.logging.ShutdownSafeLogManager");
        }
    }

    private static final Logger LOGGER = Logger.getLogger(PetApp.class.getName());
    private static final Duration IDLE_CONNECTION_TIMEOUT = Duration.ofMinutes(1);
    /** System property that turns the embedded default off: set where the app is deployed. */
    public static final String REQUIRE_DATABASE_URL = "petdb.require-database-url";

    private final String name;
    private final Endpoints endpoints;
    /** Where the migrations and the OpenAPI document ({@code openapi/NAME.json}) are found. */
    private final ClassLoader resources;

    private PetApp(String name, Endpoints endpoints, ClassLoader resources) {
        this.name = name;
        this.endpoints = endpoints;
        this.resources = resources;
    }

    /**
     * @param name      the app's name: its default schema, its migrations folder {@code db/migration/NAME} and its
     *                  OpenAPI document {@code openapi/NAME.json}, answered at {@code /openapi}
     * @param endpoints the app's endpoints: declares its routes on the {@code RouteTable} it is given
     * @return the app, not started
     */
    public static PetApp named(String name, Endpoints endpoints) {
        return named(name, endpoints, PetApp.class.getClassLoader());
    }

    /**
     * {@link #named(String, Endpoints)} with the migrations and the OpenAPI document found through {@code resources},
     * as tests give them.
     */
    static PetApp named(String name, Endpoints endpoints, ClassLoader resources) {
        AppNameRule.problem(name).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return new PetApp(name, endpoints, resources);
    }

    /**
     * The process entry point. No arguments: migrate, then serve until SIGTERM. {@code migrate}: migrate and exit
     * (Dokku's release phase). Exits 1 with one line on stderr when it cannot start, 2 on unknown arguments.
     *
     * @param args command-line arguments
     */
    public void main(String[] args) {
        LogConfig.configureRuntime();
        if (args.length > 1 || (args.length == 1 && !args[0].equals("migrate"))) {
            System.err.println(name + ": unknown arguments; usage: " + name + " [migrate]");
            System.exit(2);
        }
        try {
            AppSettings settings = AppSettings.fromEnvironment(name, System.getenv());
            if (args.length == 1) {
                int applied = migrate(settings);
                LOGGER.info(name + ": " + applied + " migration(s) applied to schema " + settings.schema());
                return;
            }
            RunningApp app = start(settings);
            Runtime.getRuntime().addShutdownHook(new Thread(app::stop, name + "-shutdown"));
        } catch (StartupException e) {
            System.err.println(name + ": " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Applies pending migrations and returns: the release phase. It always runs Flyway, which validates the applied
     * migrations first.
     *
     * @param settings how to run
     * @return how many migrations were applied
     */
    public int migrate(AppSettings settings) {
        Optional<EmbeddedDatabase> embedded = startEmbeddedUnlessUrl(settings);
        try {
            DatabaseUrl url = embedded.map(EmbeddedDatabase::url).orElseGet(() -> settings.databaseUrl().orElseThrow());
            return SchemaMigrations.migrate(SchemaDataSources.forMigrations(url, settings.schema(), name),
                    settings.schema(), name, resources);
        } finally {
            embedded.ifPresent(EmbeddedDatabase::close);
        }
    }

    /**
     * Starts the app configured from the given variables instead of the process environment, as tests do:
     * {@code APP.start(Map.of("PORT", "0", "DATABASE_URL", url))}.
     *
     * @param environment variables as Dokku would set them
     * @return the running app
     * @throws StartupException as {@link #start(AppSettings)}, or for a bad variable
     */
    public RunningApp start(Map<String, String> environment) {
        return start(AppSettings.fromEnvironment(name, environment));
    }

    /**
     * Migrates, then starts serving. The caller stops the returned app (main does so on SIGTERM). When every shipped
     * migration is applied and unchanged (compared by checksum), it does not load Flyway.
     *
     * @param settings how to run
     * @return the running app
     * @throws StartupException when the database cannot be reached or migrated, an applied migration has changed, or
     *                          the port is taken
     */
    public RunningApp start(AppSettings settings) {
        // before the database and migrations, so a taken port costs one line and nothing else
        portProblem(settings.port()).ifPresent(problem -> {
            throw new StartupException(problem);
        });
        Optional<EmbeddedDatabase> embedded = startEmbeddedUnlessUrl(settings);
        HikariDataSource pool = null;
        try {
            DatabaseUrl url = embedded.map(EmbeddedDatabase::url).orElseGet(() -> settings.databaseUrl().orElseThrow());
            SchemaMigrations.migrateUnlessUpToDate(SchemaDataSources.forMigrations(url, settings.schema(), name),
                    settings.schema(), name, resources);
            pool = SchemaDataSources.pooled(url, settings.schema(), name, settings.poolSize());
            DbClient db = JdbcClientBuilder.create().connectionPool(new PooledConnections(pool)).build();
            Health health = new Health(pool);
            ServerRouting routing = ServerRouting.create(endpoints, db, health,
                    OpenApiDocument.load(name, resources).orElse(null),
                    settings.rateLimit().enabled() ? ClientRateLimit.of(settings.rateLimit()) : null);
            WebServer server = WebServer.builder()
                    .port(settings.port())
                    .shutdownHook(false)
                    .shutdownGracePeriod(settings.shutdownGrace())
                    .maxPayloadSize(Json.MAX_BODY_BYTES)
                    // HTTP/1.1 as Helidon serves it, plus HTTP/1.0, which Helidon 4.1.7 rejects
                    .protocolsDiscoverServices(false)
                    .addConnectionSelector(new Http10Requests())
                    // Helidon interrupts idle keep-alive readers on stop only when they wait without a timeout;
                    // with its default 30 s read timeout every stop would wait the full grace period.
                    // Idle connections are still closed after idleConnectionTimeout.
                    .connectionOptions(SocketOptions.builder().readTimeout(Duration.ZERO).build())
                    .idleConnectionTimeout(IDLE_CONNECTION_TIMEOUT)
                    .directHandlers(directHandlers())
                    .routing(routing.routing())
                    .build()
                    .start();
            if (server.port() < 0) {
                // taken since the check above: Helidon logs the failed bind and returns a stopped server on port -1
                server.stop();
                throw new StartupException(portProblem(settings.port())
                        .orElse("port " + settings.port() + " could not be opened: set PORT to a free port"));
            }
            LOGGER.info(name + " listening on port " + server.port() + ", schema " + settings.schema());
            return new RunningApp(name, server, pool, health, routing.routes(), embedded.orElse(null));
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            embedded.ifPresent(EmbeddedDatabase::close);
            if (e instanceof StartupException) {
                throw e;
            }
            throw new StartupException(name + " could not start: " + e.getMessage(), e);
        }
    }

    /**
     * Binds the port once, as the server will, to say in one line why it cannot listen: Helidon would only log a stack
     * trace and return a server on port -1.
     *
     * @return the problem, or empty when the port could be bound a moment ago (or is 0, any free port)
     */
    private static Optional<String> portProblem(int port) {
        if (port == 0) {
            return Optional.empty();
        }
        try (ServerSocket probe = new ServerSocket(port)) {
            return Optional.empty();
        } catch (IOException e) {
            if (e instanceof BindException && String.valueOf(e.getMessage()).contains("in use")) {
                return Optional.of("port " + port + " is already in use: set PORT to a free port");
            }
            return Optional.of("port " + port + " could not be opened (" + e.getMessage() + "): set PORT to a free port");
        }
    }

    private Optional<EmbeddedDatabase> startEmbeddedUnlessUrl(AppSettings settings) {
        if (settings.databaseUrl().isPresent()) {
            return Optional.empty();
        }
        if (Boolean.getBoolean(REQUIRE_DATABASE_URL)) {
            // deployed (the Procfile sets this): an embedded database there would hold data nobody backs up
            throw new StartupException("DATABASE_URL is not set; link the app to petdb (dokku postgres:link petdb "
                    + name + ") or set it with dokku config:set");
        }
        EmbeddedDatabase embedded = EmbeddedDatabase.start(settings.dataDir());
        LOGGER.info("DATABASE_URL is not set: using the embedded PostgreSQL, data in " + embedded.dataDirectory());
        return Optional.of(embedded);
    }

    private static DirectHandlers directHandlers() {
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            builder.addHandler(type, Problems.directHandler());
        }
        return builder.build();
    }
}
