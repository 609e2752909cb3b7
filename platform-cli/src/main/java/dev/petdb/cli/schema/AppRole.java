package dev.petdb.cli.schema;

/**
 * One provisioned app as {@code petdb schema list} shows it.
 *
 * @param app             the app (its schema and its role)
 * @param owner           the schema's owner role
 * @param tables          tables in the schema
 * @param sizeBytes       tables, indexes and TOAST of the schema, in bytes
 * @param connections     connections the role holds now
 * @param connectionLimit the role's connection limit, -1 for none
 */
public record AppRole(String app, String owner, long tables, long sizeBytes, long connections, int connectionLimit) {
}
