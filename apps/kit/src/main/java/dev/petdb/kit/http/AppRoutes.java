package dev.petdb.kit.http;

import io.helidon.dbclient.DbClient;

/**
 * An app's endpoints: the part of an app that is its own. The kit adds health, errors and the access log around them.
 */
@FunctionalInterface
public interface AppRoutes {
    /**
     * @param routes where to declare the endpoints
     * @param db     the app's database client, bound to its schema
     */
    void register(Routes routes, DbClient db);
}
