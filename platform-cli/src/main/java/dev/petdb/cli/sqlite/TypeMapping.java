package dev.petdb.cli.sqlite;

import java.util.Locale;

/**
 * From a SQLite column's declared type and what it holds to a PostgreSQL type. The declared type gives the column's
 * affinity by SQLite's rules (https://www.sqlite.org/datatype3.html section 3.1); the affinity gives the type. Values
 * of another storage class (SQLite keeps anything anywhere) make the column not fit: a problem, unless lenient maps it
 * to text. Date and time columns become date, time or timestamp only when every value is exactly the text of one.
 */
final class TypeMapping {
    /** SQLite's five affinities. */
    enum Affinity { INTEGER, TEXT, BLOB, REAL, NUMERIC }

    /**
     * The decision for one column.
     *
     * @param type    the PostgreSQL type
     * @param misfit  the values that do not fit (null: they fit)
     * @param note    what the plan should say about the choice (null: nothing)
     */
    record Mapping(PgType type, Misfit misfit, String note) {
    }

    /**
     * Values that do not fit a column's type.
     *
     * @param kind        the storage class of the first kind that does not fit ({@link ValueScan#example})
     * @param description why, such as "does not fit bigint (5 integer, 1 text)"
     */
    record Misfit(String kind, String description) {
        @Override
        public String toString() {
            return kind + " value " + description;
        }
    }

    private TypeMapping() {
    }

    /**
     * @param declared the declared type ("" when none)
     * @return its affinity, by the five rules of section 3.1, in order
     */
    static Affinity affinity(String declared) {
        String type = declared.toUpperCase(Locale.ROOT);
        if (type.contains("INT")) {
            return Affinity.INTEGER;
        }
        if (type.contains("CHAR") || type.contains("CLOB") || type.contains("TEXT")) {
            return Affinity.TEXT;
        }
        if (type.contains("BLOB") || type.isBlank()) {
            return Affinity.BLOB;
        }
        if (type.contains("REAL") || type.contains("FLOA") || type.contains("DOUB")) {
            return Affinity.REAL;
        }
        return Affinity.NUMERIC;
    }

    /**
     * @param declared   the column's declared type
     * @param stats      what it holds
     * @param rowidAlias whether it is the table's INTEGER PRIMARY KEY (always integers)
     * @param lenient    map a column whose values do not fit to text instead of reporting a problem
     * @return the mapping
     */
    static Mapping map(String declared, ColumnStats stats, boolean rowidAlias, boolean lenient) {
        if (rowidAlias) {
            return new Mapping(PgType.BIGINT, null, null);
        }
        Mapping strict = strict(declared, stats);
        if (strict.misfit() != null && lenient) {
            return new Mapping(PgType.TEXT, null, "mapped to text (--lenient): " + strict.misfit());
        }
        return strict;
    }

    private static Mapping strict(String declared, ColumnStats s) {
        String type = declared.toUpperCase(Locale.ROOT).strip();
        Affinity affinity = affinity(declared);
        if (affinity == Affinity.NUMERIC && (type.equals("BOOLEAN") || type.equals("BOOL"))) {
            if (s.parsed() != s.integers()) {
                return new Mapping(PgType.BOOLEAN, new Misfit(ValueScan.NOT_BOOLEAN, "does not fit boolean ("
                        + (s.integers() - s.parsed()) + " integer other than 0 and 1)"), null);
            }
            if (s.reals() + s.texts() + s.blobs() > 0) {
                return misfit(PgType.BOOLEAN, s);
            }
            return fits(PgType.BOOLEAN);
        }
        if (affinity == Affinity.NUMERIC && (type.contains("DATE") || type.contains("TIME"))) {
            PgType temporal = type.contains("DATETIME") || type.contains("TIMESTAMP") ? PgType.TIMESTAMP
                    : type.contains("DATE") ? PgType.DATE : PgType.TIME;
            if (s.values() > 0 && s.texts() == s.values() && s.parsed() == s.values()) {
                return fits(temporal);
            }
            if (s.blobs() > 0) {
                return misfit(PgType.TEXT, s);
            }
            return new Mapping(PgType.TEXT, null, s.values() == 0 ? "kept as text: no values to check"
                    : "kept as text: not every value is a " + temporal.sql() + " in ISO form");
        }
        return switch (affinity) {
            case INTEGER -> s.reals() + s.texts() + s.blobs() > 0 ? misfit(PgType.BIGINT, s) : fits(PgType.BIGINT);
            case TEXT -> s.blobs() > 0 ? misfit(PgType.TEXT, s) : fits(PgType.TEXT);
            case REAL -> s.texts() + s.blobs() > 0 ? misfit(PgType.DOUBLE, s) : fits(PgType.DOUBLE);
            case NUMERIC -> s.texts() + s.blobs() > 0 ? misfit(PgType.NUMERIC, s) : fits(PgType.NUMERIC);
            case BLOB -> type.isEmpty() ? inferred(s) : s.values() != s.blobs() ? misfit(PgType.BYTEA, s)
                    : fits(PgType.BYTEA);
        };
    }

    /** A column without a declared type: the type its values share. */
    private static Mapping inferred(ColumnStats s) {
        long values = s.values();
        if (values == 0 || s.texts() == values) {
            return new Mapping(PgType.TEXT, null, "no declared type: text");
        }
        if (s.integers() == values) {
            return new Mapping(PgType.BIGINT, null, "no declared type: every value an integer");
        }
        if (s.reals() == values) {
            return new Mapping(PgType.DOUBLE, null, "no declared type: every value a real");
        }
        if (s.integers() + s.reals() == values) {
            return new Mapping(PgType.NUMERIC, null, "no declared type: integers and reals");
        }
        if (s.blobs() == values) {
            return new Mapping(PgType.BYTEA, null, "no declared type: every value a blob");
        }
        String odd = s.blobs() > 0 ? "blob" : "text";
        return new Mapping(PgType.TEXT, new Misfit(odd, "does not share a type with the column's other values "
                + "(no declared type; " + kinds(s) + ")"), null);
    }

    private static Mapping fits(PgType type) {
        return new Mapping(type, null, null);
    }

    /** The first storage class the type cannot hold. */
    private static Mapping misfit(PgType type, ColumnStats s) {
        String kind;
        if (type != PgType.TEXT && type != PgType.BYTEA && s.texts() > 0) {
            kind = "text";
        } else if (type != PgType.BYTEA && s.blobs() > 0) {
            kind = "blob";
        } else if (s.reals() > 0 && type != PgType.DOUBLE && type != PgType.NUMERIC) {
            kind = "real";
        } else if (s.integers() > 0) {
            kind = "integer";
        } else {
            kind = "text";
        }
        return new Mapping(type, new Misfit(kind, "does not fit " + type.sql() + " (" + kinds(s) + ")"), null);
    }

    private static String kinds(ColumnStats s) {
        StringBuilder text = new StringBuilder();
        append(text, s.integers(), "integer");
        append(text, s.reals(), "real");
        append(text, s.texts(), "text");
        append(text, s.blobs(), "blob");
        return text.toString();
    }

    private static void append(StringBuilder text, long count, String kind) {
        if (count > 0) {
            text.append(text.isEmpty() ? "" : ", ").append(count).append(' ').append(kind);
        }
    }
}
