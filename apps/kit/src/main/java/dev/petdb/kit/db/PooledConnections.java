package dev.petdb.kit.db;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.jdbc.JdbcConnectionPool;

/**
 * Hands Helidon's DB client the connections of our own pool, so the pool, the migrations and the health check
 * share one configured source.
 *
 * @param dataSource the pool
 */
public record PooledConnections(DataSource dataSource) implements JdbcConnectionPool {
    @Override
    public Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new DbClientException("no database connection available", e);
        }
    }

    @Override
    public String dbType() {
        return "jdbc:postgresql";
    }
}
