package dev.petdb.todos.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.petdb.todos.auth.Caller;
import dev.petdb.todos.auth.IssuedToken;
import dev.petdb.todos.auth.TokenRequest;
import org.junit.jupiter.api.Test;

/** bcrypt as used here, and that records holding secrets never print them. */
class PasswordsTest {
    @Test
    void hashesAreSaltedBcryptAtCost12AndVerify() {
        String first = Passwords.hash("a password");
        assertTrue(first.startsWith("$2a$12$"), first);
        assertNotEquals(first, Passwords.hash("a password"), "a fresh salt each time");
        assertTrue(Passwords.matches("a password", first));
        assertFalse(Passwords.matches("a Password", first));
    }

    @Test
    void theDummyHashCostsAsMuchAsARealOne() {
        // a malformed dummy would be rejected at once and give unknown emails away by their speed
        BCrypt.Result result = BCrypt.verifyer().verify("anything".toCharArray(), Passwords.DUMMY_HASH.toCharArray());
        assertTrue(result.validFormat, result.formatErrorMessage);
        assertEquals(12, result.details.cost);
        assertFalse(Passwords.rejectAfterDummyCheck("anything"));
    }

    @Test
    void recordsHoldingSecretsDoNotPrintThem() {
        assertFalse(new SignUp("a@b.c", "hunter2hunter2").toString().contains("hunter2"));
        assertFalse(new TokenRequest("a@b.c", "hunter2hunter2").toString().contains("hunter2"));
        assertFalse(new Credentials(1, "$2a$12$secret").toString().contains("secret"));
        assertFalse(new Caller(1, "tokenvalue").toString().contains("tokenvalue"));
        assertFalse(new IssuedToken("tokenvalue", "Bearer", 1, java.time.Instant.EPOCH).toString()
                .contains("tokenvalue"));
    }
}
