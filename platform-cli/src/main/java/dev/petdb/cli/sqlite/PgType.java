package dev.petdb.cli.sqlite;

/**
 * The PostgreSQL types a SQLite column becomes.
 */
enum PgType {
    BIGINT("bigint"), DOUBLE("double precision"), NUMERIC("numeric"), BOOLEAN("boolean"), TEXT("text"),
    BYTEA("bytea"), DATE("date"), TIME("time"), TIMESTAMP("timestamp");

    private final String sql;

    PgType(String sql) {
        this.sql = sql;
    }

    /** @return the type as written in DDL */
    String sql() {
        return sql;
    }
}
