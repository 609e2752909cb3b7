package dev.petdb.todos;

import static dev.petdb.todos.TodosClient.uniqueEmail;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Passwords and tokens exist in clear only in the client's hands: not in any table, not in any log line.
 */
@ExtendWith(TodosServer.class)
class StoredSecretsTest {
    private final TodosClient todos;

    StoredSecretsTest(TodosClient todos) {
        this.todos = todos;
    }

    @Test
    void theDatabaseHoldsOnlyHashesOfPasswordsAndTokens() throws Exception {
        String email = uniqueEmail("secrets");
        String password = "pw-" + UUID.randomUUID();
        assertEquals(201, todos.signUp(email, password).status());
        String token = todos.token(email, password);
        assertEquals(201, todos.postJson("/todos", TodosClient.json("title", "t"), token).status());
        // a failed sign-in leaves its row too
        assertEquals(401, todos.requestToken(email, "wrong-" + password).status());

        String hash = (String) todos.value("SELECT password_hash FROM todos.users WHERE email = ?", email);
        assertTrue(hash.startsWith("$2a$12$"), "bcrypt at cost 12");
        assertArrayEquals(AuthApiTest.sha256(token), (byte[]) todos.value(
                "SELECT token_hash FROM todos.access_tokens t JOIN todos.users u ON u.id = t.user_id WHERE u.email = ?",
                email));

        String everything = String.join("\n", allRowsAsText());
        assertTrue(everything.contains(email), "the dump does hold the user's rows");
        assertFalse(everything.contains(password), "no password in clear");
        assertFalse(everything.contains(token), "no token in clear");
    }

    @Test
    void logsCarryNoPasswordOrToken() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getLoggerName() + " " + record.getMessage() + " "
                        + java.util.Arrays.toString(record.getParameters()) + " " + record.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        // at the levels the app runs with; Helidon's own FINEST tracing of raw headers is a debugging tool, not a log
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        String email = uniqueEmail("logs");
        String password = "pw-" + UUID.randomUUID();
        String token;
        try {
            assertEquals(201, todos.signUp(email, password).status());
            token = todos.token(email, password);
            assertEquals(200, todos.get("/users/me", token).status());
            assertEquals(401, todos.requestToken(email, password + "x").status());
            assertEquals(204, todos.postJson("/auth/logout", "", token).status());
        } finally {
            root.removeHandler(capture);
        }
        String all = String.join("\n", lines);
        assertTrue(all.contains("/auth/token"), "the access log was captured: " + all);
        assertFalse(all.contains(password));
        assertFalse(all.contains(token));
    }

    private List<String> allRowsAsText() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = todos.admin(); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet names = statement.executeQuery(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'todos' ORDER BY tablename")) {
                while (names.next()) {
                    tables.add(names.getString(1));
                }
            }
            assertTrue(tables.containsAll(List.of("users", "access_tokens", "login_failures", "todos")), tables.toString());
            for (String table : tables) {
                try (ResultSet all = statement.executeQuery("SELECT t::text FROM todos." + table + " t")) {
                    while (all.next()) {
                        rows.add(all.getString(1));
                    }
                }
            }
        }
        return rows;
    }
}
