package dev.petdb.kit.feed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;

import dev.petdb.dburl.SqlText;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Creates (or replaces) the feed's functions in the app's schema before Flyway applies the app's migrations, so that
 * one of them can call {@code petdb_feed_track}. A callback rather than a migration of its own: the functions belong
 * to the kit's version, not the app's history, and are brought up to date by every release phase.
 */
public final class FeedFunctions implements Callback {
    private static final String RESOURCE = "feed-functions.sql";
    private static final String SCHEMA_TOKEN = "SCHEMA.petdb_";
    private static final String SCHEMA_NAME_TOKEN = "SCHEMA_NAME";

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        String schema = context.getConfiguration().getDefaultSchema();
        try (Statement statement = context.getConnection().createStatement()) {
            // Instances that start together on a new schema run this before Flyway's lock and before the kit's own
            // (which needs the history table): two CREATE OR REPLACE of one function at once fail with "tuple
            // concurrently updated". A lock for the statements' transaction makes them take turns.
            statement.execute("SELECT pg_advisory_xact_lock(hashtext(" + SqlText.literal(schema)
                    + " || '.petdb_feed_functions'));\n" + sql(schema));
        } catch (SQLException e) {
            throw new FlywayException("creating the changes feed's functions in schema " + schema + " failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String getCallbackName() {
        return "petdb changes feed functions";
    }

    /** @return the functions' SQL for {@code schema} */
    static String sql(String schema) {
        try (InputStream in = FeedFunctions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the kit's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace(SCHEMA_TOKEN, SqlText.identifier(schema) + ".petdb_")
                    .replace(SCHEMA_NAME_TOKEN, SqlText.literal(schema));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
