package dev.petdb.cli.sqlite;

import java.util.List;

/**
 * One table of the SQLite file, as its catalog describes it.
 *
 * @param name          the table's name
 * @param columns       its columns in order
 * @param primaryKey    the primary key's columns in key order (empty: none)
 * @param rowidAlias    the {@code INTEGER PRIMARY KEY} column that is the rowid, or null
 * @param autoincrement declared AUTOINCREMENT (sqlite_sequence holds its highest id ever)
 * @param withoutRowid  a WITHOUT ROWID table
 * @param uniques       UNIQUE constraints, each its columns
 * @param indexes       indexes made by CREATE INDEX
 * @param foreignKeys   foreign keys
 * @param notes         what is not carried over, for the plan
 */
record SourceTable(String name, List<Column> columns, List<String> primaryKey, String rowidAlias, boolean autoincrement,
                   boolean withoutRowid, List<List<String>> uniques, List<Index> indexes, List<ForeignKey> foreignKeys,
                   List<String> notes) {

    /**
     * @param name         the column's name
     * @param declaredType its declared type as written ("" when none)
     * @param notNull      NOT NULL
     * @param defaultSql   its DEFAULT expression as written, or null
     */
    record Column(String name, String declaredType, boolean notNull, String defaultSql) {
    }

    /**
     * @param name    the index's name
     * @param unique  UNIQUE
     * @param columns its columns, in order
     * @param descending for each column, whether it is DESC
     */
    record Index(String name, boolean unique, List<String> columns, List<Boolean> descending) {
    }

    /**
     * @param columns   the referencing columns
     * @param parent    the referenced table
     * @param parentColumns the referenced columns (empty: the parent's primary key)
     * @param onUpdate  the ON UPDATE action as SQLite reports it
     * @param onDelete  the ON DELETE action
     */
    record ForeignKey(List<String> columns, String parent, List<String> parentColumns, String onUpdate,
                      String onDelete) {
    }
}
