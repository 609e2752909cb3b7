package dev.petdb.cli.doctor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.petdb.cli.schema.RoleSettings;
import dev.petdb.cli.schema.SchemaProvisioner;

/**
 * Whether every app role keeps the timeouts {@code petdb schema create} fixed for it. PostgreSQL lets any role
 * {@code ALTER ROLE} its own settings, role-wide or for one database, so an app can lift its limits; this finds it
 * out. It cannot tell a value the app raised on both levels from one the admin chose, since PostgreSQL keeps no record
 * of who set a setting: the values are printed so the operator can compare.
 */
final class AppRoleLimits {
    private AppRoleLimits() {
    }

    /** Where one role's settings apply and what they are. */
    private record Scope(String where, Map<String, String> settings) {
    }

    /**
     * @param connection an admin connection to petdb
     * @return one OK line, or one problem per app role whose limits differ
     */
    static List<DoctorCommand.Check> check(Connection connection) throws SQLException {
        String sql = """
                SELECT r.rolname, current_database(), s.setdatabase = d0.oid, d.datname, s.setconfig
                FROM pg_roles r
                CROSS JOIN (SELECT oid FROM pg_database WHERE datname = current_database()) d0
                LEFT JOIN pg_db_role_setting s ON s.setrole = r.oid
                LEFT JOIN pg_database d ON d.oid = s.setdatabase
                WHERE shobj_description(r.oid, 'pg_authid') = ?
                ORDER BY r.rolname, s.setdatabase""";
        Map<String, Map<String, String>> here = new LinkedHashMap<>();
        Map<String, List<Scope>> elsewhere = new LinkedHashMap<>();
        String database = null;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, SchemaProvisioner.MARKER);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String role = rs.getString(1);
                    database = rs.getString(2);
                    here.putIfAbsent(role, Map.of());
                    List<Scope> others = elsewhere.computeIfAbsent(role, r -> new ArrayList<>());
                    if (rs.getString(5) == null) {
                        continue;
                    }
                    Map<String, String> settings = RoleSetting.parse(rs.getArray(5));
                    if (rs.getBoolean(3)) {
                        here.put(role, settings);
                    } else {
                        others.add(new Scope(rs.getString(4) == null ? "role-wide" : "for database " + rs.getString(4),
                                settings));
                    }
                }
            }
        }
        List<DoctorCommand.Check> problems = new ArrayList<>();
        for (var app : here.entrySet()) {
            List<String> findings = findings(app.getValue(), elsewhere.get(app.getKey()), database);
            if (!findings.isEmpty()) {
                problems.add(new DoctorCommand.Check(false, "limits of " + app.getKey() + ": " + String.join("; ", findings)
                        + ". PostgreSQL lets a role change its own settings; as the admin, set them again with "
                        + "ALTER ROLE " + app.getKey() + " [IN DATABASE " + database + "] SET name = value"));
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        return List.of(new DoctorCommand.Check(true, "app role limits: " + here.size() + " app role(s) keep "
                + String.join(" and ", RoleSettings.TIMEOUTS) + " as fixed for database " + database
                + (here.isEmpty() ? "" : " (" + summary(here) + ")")));
    }

    private static List<String> findings(Map<String, String> here, List<Scope> elsewhere, String database) {
        List<String> findings = new ArrayList<>();
        for (String name : RoleSettings.TIMEOUTS) {
            String fixed = here.get(name);
            if (fixed == null) {
                findings.add(name + " is not fixed for database " + database);
            } else if (RoleSetting.millis(fixed).filter(ms -> ms > 0).isEmpty()) {
                findings.add(name + " is " + fixed + " (no limit) for database " + database);
            }
            for (Scope scope : elsewhere) {
                String value = scope.settings().get(name);
                if (!Objects.equals(value, fixed) && (value != null || scope.where().equals("role-wide"))) {
                    findings.add(name + (value == null ? " is not set " + scope.where()
                            : " is " + value + " " + scope.where()) + (fixed == null ? "" : ", not " + fixed));
                }
            }
        }
        return findings;
    }

    private static String summary(Map<String, Map<String, String>> here) {
        List<String> apps = new ArrayList<>();
        for (var app : here.entrySet()) {
            List<String> values = new ArrayList<>();
            for (String name : RoleSettings.TIMEOUTS) {
                values.add(app.getValue().get(name));
            }
            apps.add(app.getKey() + " " + String.join("/", values));
        }
        return String.join(", ", apps);
    }
}
