package dev.petdb.backup.restore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scratch databases of restore tests, and which of them were left behind by one that was killed.
 * <p>
 * A restore test names its database {@code petdb_scratch_<UTC yyyyMMddHHmmss>_<8 hex digits>} and, before creating it,
 * takes a session advisory lock keyed by those 8 hex digits, held until the database is dropped. A scratch database
 * whose lock nobody holds was left by a test that is gone: PostgreSQL releases the lock when its session ends, however
 * the process ended. The lock comes before the database, and the check reads the databases before the locks, so a test
 * running now is never taken for a stale one. Databases of the earlier naming ({@code petdb_verify_...}), made without
 * a lock, count as stale after a day: no restore test runs that long.
 */
public final class ScratchDatabases {
    /** The advisory lock's first key ("petd"); the second is the name's 8 hex digits. */
    static final int LOCK_CLASS = 0x70657464;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
    private static final Pattern LOCKED = Pattern.compile("petdb_scratch_(\\d{14})_([0-9a-f]{8})");
    private static final Pattern LEGACY = Pattern.compile("petdb_verify_(\\d{14})_[0-9a-f]{6}");
    private static final Pattern STAMPED = Pattern.compile("_(\\d{14})_");
    private static final Duration LEGACY_AFTER = Duration.ofDays(1);

    private ScratchDatabases() {
    }

    /**
     * @param now  the time to name it after
     * @param lock the second key of its advisory lock
     * @return a scratch database's name
     */
    static String name(Instant now, int lock) {
        return "petdb_scratch_" + STAMP.format(now.atOffset(ZoneOffset.UTC)) + "_" + HexFormat.of().toHexDigits(lock);
    }

    /**
     * Takes the lock that marks a scratch database as in use, on a session that lives as long as the database.
     *
     * @param session a connection that stays open until the database is dropped
     * @param lock    the second key, as in the database's name
     */
    static void markInUse(Connection session, int lock) throws SQLException {
        try (PreparedStatement statement = session.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
            statement.setInt(1, LOCK_CLASS);
            statement.setInt(2, lock);
            statement.execute();
        }
    }

    /**
     * @param admin an admin connection to any database of the server, in autocommit
     * @param now   the time to measure the age of old-style names against
     * @return the scratch databases no running restore test uses, oldest first
     */
    public static List<String> stale(Connection admin, Instant now) throws SQLException {
        List<String> scratch = new ArrayList<>();
        try (Statement statement = admin.createStatement();
             ResultSet rs = statement.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'petdb\\_scratch\\_%'"
                     + " OR datname LIKE 'petdb\\_verify\\_%' ORDER BY datname")) {
            while (rs.next()) {
                scratch.add(rs.getString(1));
            }
        }
        // read after the databases: a lock taken before a database was created is seen here
        Set<Long> held = new HashSet<>();
        try (PreparedStatement statement = admin.prepareStatement(
                "SELECT objid::bigint FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 2 AND classid = ?::oid")) {
            statement.setInt(1, LOCK_CLASS);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    held.add(rs.getLong(1));
                }
            }
        }
        List<String> stale = new ArrayList<>();
        for (String name : scratch) {
            Matcher locked = LOCKED.matcher(name);
            Matcher legacy = LEGACY.matcher(name);
            if (locked.matches() && !held.contains(Long.parseLong(locked.group(2), 16))
                    || legacy.matches() && time(legacy.group(1)).isBefore(now.minus(LEGACY_AFTER))) {
                stale.add(name);
            }
        }
        stale.sort(Comparator.comparing(ScratchDatabases::stamp).thenComparing(Comparator.naturalOrder()));
        return stale;
    }

    /**
     * Drops the scratch databases no running restore test uses.
     *
     * @param admin an admin connection, in autocommit
     * @param now   the time to measure the age of old-style names against
     * @return the databases dropped, oldest first
     */
    public static List<String> dropStale(Connection admin, Instant now) throws SQLException {
        List<String> stale = stale(admin, now);
        try (Statement statement = admin.createStatement()) {
            for (String name : stale) {
                // the name matched a pattern of letters, digits and '_': nothing to quote
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
        return stale;
    }

    private static String stamp(String name) {
        Matcher m = STAMPED.matcher(name);
        return m.find() ? m.group(1) : "";
    }

    private static Instant time(String stamp) {
        try {
            return LocalDateTime.parse(stamp, STAMP).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return Instant.MAX; // not a time, so not one of ours to judge by age
        }
    }
}
