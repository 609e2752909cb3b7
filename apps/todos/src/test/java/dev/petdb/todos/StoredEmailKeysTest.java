package dev.petdb.todos;

import static dev.petdb.todos.ProblemAssertions.CHALLENGE;
import static dev.petdb.todos.ProblemAssertions.assertUnauthorized;
import static dev.petdb.todos.TodosClient.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.petdb.todos.users.Passwords;
import org.junit.jupiter.api.Test;

/**
 * Accounts stored before migration V2 have no canonical email (email_key is null, as V2 leaves them); the app keys
 * them when it starts, oldest first, and a later look-alike of an older account, or an email the rules refuse,
 * stays unkeyed and cannot sign in.
 */
class StoredEmailKeysTest {
    private static final String PASSWORD = "an old password";
    private static final String LOOK_ALIKE_PASSWORD = "the look-alike's password";

    @Test
    void storedEmailsGetTheirCanonicalKeyAtStartAndLookAlikesOfOlderAccountsDoNot() {
        TodosClient todos = TodosClient.start();
        try {
            long mixedCase = insertUnkeyed(todos, "Old.User@Example.COM", PASSWORD);
            long composed = insertUnkeyed(todos, "jos\u00e9@example.com", PASSWORD);
            long decomposed = insertUnkeyed(todos, "JOSE\u0301@example.com", LOOK_ALIKE_PASSWORD);
            long zeroWidth = insertUnkeyed(todos, "old.user@example.com\u200B", LOOK_ALIKE_PASSWORD);

            todos = todos.restarted();

            assertEquals("old.user@example.com", key(todos, mixedCase));
            assertEquals("jos\u00e9@example.com", key(todos, composed));
            assertNull(key(todos, decomposed), "a later look-alike of an older account");
            assertNull(key(todos, zeroWidth), "an email the rules now refuse");
            assertEquals(mixedCase, read(todos.get("/users/me", todos.token("old.user@example.com", PASSWORD)))
                    .get("id").asLong());
            assertEquals(composed, read(todos.get("/users/me", todos.token("jose\u0301@example.com", PASSWORD)))
                    .get("id").asLong(), "either spelling reaches the older account");
            assertUnauthorized(todos.requestToken("jose\u0301@example.com", LOOK_ALIKE_PASSWORD), CHALLENGE);
        } finally {
            todos.close();
        }
    }

    private static long insertUnkeyed(TodosClient todos, String email, String password) {
        todos.update("INSERT INTO todos.users (email, password_hash) VALUES (?, ?)", email, Passwords.hash(password));
        return (Long) todos.value("SELECT id FROM todos.users WHERE email = ?", email);
    }

    private static String key(TodosClient todos, long id) {
        return (String) todos.value("SELECT email_key FROM todos.users WHERE id = ?", id);
    }
}
