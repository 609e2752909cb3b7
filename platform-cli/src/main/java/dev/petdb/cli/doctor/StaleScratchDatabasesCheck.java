package dev.petdb.cli.doctor;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import dev.petdb.backup.restore.ScratchDatabases;

/**
 * Doctor's check for scratch databases that restore tests killed outright left behind (each as big as the whole
 * database restored).
 */
final class StaleScratchDatabasesCheck {
    private StaleScratchDatabasesCheck() {
    }

    /**
     * @param connection an admin connection
     * @return OK, or a problem naming the stale scratch databases
     */
    static DoctorCommand.Check run(Connection connection) throws SQLException {
        List<String> stale = ScratchDatabases.stale(connection, Instant.now());
        return stale.isEmpty()
                ? new DoctorCommand.Check(true, "no scratch databases left by stopped restore tests")
                : new DoctorCommand.Check(false, stale.size() + " scratch database(s) left by stopped restore tests: "
                        + String.join(", ", stale) + " (the next petdb backup verify --restore-test or backup diff drops them)");
    }
}
