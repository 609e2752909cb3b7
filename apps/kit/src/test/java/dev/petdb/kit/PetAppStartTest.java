package dev.petdb.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import dev.petdb.kit.config.StartupException;
import dev.petdb.testkit.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * Starting an app on a real PostgreSQL when something else already listens on its port.
 */
class PetAppStartTest {
    private static final PetApp APP = PetApp.named("kittest", (routes, db) -> { });

    @Test
    void aTakenPortStopsTheStartWithOneLineNamingThePort() throws Exception {
        TestPostgres server = TestPostgres.shared();
        String database = server.createDatabase();
        String url = server.adminUrl(database);
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            StartupException e = assertThrows(StartupException.class,
                    () -> APP.start(Map.of("PORT", Integer.toString(port), "DATABASE_URL", url)).stop());
            assertEquals("port " + port + " is already in use: set PORT to a free port", e.getMessage());
        }
        try (Connection admin = server.connect(database); Statement s = admin.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname = 'kittest'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "checked before migrating: a taken port leaves the database as it was");
        }
    }
}
