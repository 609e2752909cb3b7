package dev.petdb.kit.http;

import io.helidon.dbclient.DbClient;

/**
 * An app's endpoints: the part of an app that is its own, given to {@code PetApp.named} as a lambda that declares its
 * routes on a {@link RouteTable}. The kit adds health, errors and the access log around them ({@link ServerRouting}).
 */
@FunctionalInterface
public interface Endpoints {
    /**
     * @param routes the table to declare the endpoints in
     * @param db     the app's database client, bound to its schema
     */
    void register(RouteTable routes, DbClient db);
}
