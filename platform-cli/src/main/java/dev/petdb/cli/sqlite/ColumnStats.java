package dev.petdb.cli.sqlite;

/**
 * What one column of a SQLite table holds, by SQLite's storage class ({@code typeof()}), from one scan of its rows.
 *
 * @param integers   integer values
 * @param reals      real values
 * @param texts      text values
 * @param blobs      blob values
 * @param nulls      NULLs
 * @param parsed     for date and time columns, texts that are exactly a valid value of the declared kind
 *                   (YYYY-MM-DD, HH:MM:SS or YYYY-MM-DD HH:MM:SS); for BOOLEAN columns, integers that are 0 or 1
 */
record ColumnStats(long integers, long reals, long texts, long blobs, long nulls, long parsed) {

    /** @return how many values are not NULL */
    long values() {
        return integers + reals + texts + blobs;
    }
}
