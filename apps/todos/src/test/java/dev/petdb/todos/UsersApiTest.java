package dev.petdb.todos;

import static dev.petdb.todos.ProblemAssertions.CHALLENGE;
import static dev.petdb.todos.ProblemAssertions.assertProblem;
import static dev.petdb.todos.ProblemAssertions.assertUnauthorized;
import static dev.petdb.todos.TodosClient.json;
import static dev.petdb.todos.TodosClient.read;
import static dev.petdb.todos.TodosClient.uniqueEmail;
import static dev.petdb.todos.TodosClient.shown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petdb.testkit.TestHttp.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST /users} and {@code GET /users/me} over HTTP against a real PostgreSQL.
 */
@ExtendWith(TodosServer.class)
class UsersApiTest {
    private static final String PASSWORD = "s3cret-passphrase";

    private final TodosClient todos;

    UsersApiTest(TodosClient todos) {
        this.todos = todos;
    }

    @Test
    void signUpAnswers201WithIdEmailAndCreatedAtOnly() {
        String email = uniqueEmail("Mixed.Case");
        Instant before = Instant.now().minusSeconds(5);
        Response response = todos.signUp(email, PASSWORD);
        assertEquals(201, response.status(), shown(response));
        assertEquals("application/json", response.header("Content-Type").orElseThrow());
        JsonNode user = read(response);
        assertEquals(Set.of("id", "email", "created_at"), fieldNames(user));
        assertTrue(user.get("id").asLong() > 0);
        assertEquals(email, user.get("email").asText(), "kept as given, case and all");
        Instant created = Instant.parse(user.get("created_at").asText());
        assertTrue(created.isAfter(before) && created.isBefore(Instant.now().plusSeconds(5)), created.toString());
    }

    @Test
    void surroundingWhitespaceIsTrimmedFromTheEmail() {
        String email = uniqueEmail("spaced");
        Response response = todos.signUp("  " + email + " ", PASSWORD);
        assertEquals(201, response.status(), shown(response));
        assertEquals(email, read(response).get("email").asText());
    }

    @Test
    void duplicateEmailInAnyCaseAnswers409NamingEmail() {
        String email = uniqueEmail("dup");
        assertEquals(201, todos.signUp(email, PASSWORD).status());
        assertProblem(todos.signUp(email, "another-password"), 409, "email");
        assertProblem(todos.signUp(email.toUpperCase(), "another-password"), 409, "email");
    }

    @Test
    void implausibleEmailsAnswer400NamingEmail() {
        String local = "x".repeat(254 - "@example.com".length());
        for (String email : List.of("", "   ", "no-at-sign", "@example.com", "name@", "a@b@example.com",
                "first last@example.com", "tab\t@example.com", "name@exa mple.com", "nul\u0000@example.com",
                local + "x@example.com")) {
            assertProblem(todos.signUp(email, PASSWORD), 400, "email");
        }
        assertProblem(todos.http.postJson("/users", "{\"email\":42,\"password\":\"" + PASSWORD + "\"}"), 400, "email");
        // 254 characters is the most accepted
        assertEquals(201, todos.signUp(local + "@example.com", PASSWORD).status());
    }

    @Test
    void composedAndDecomposedAccentsAreOneAccount() {
        String domain = "-" + UUID.randomUUID() + "@example.com";
        JsonNode user = read(todos.signUp("jos\u00e9" + domain, PASSWORD));
        assertProblem(todos.signUp("jose\u0301" + domain, PASSWORD), 409, "email");
        assertProblem(todos.signUp("JOS\u00c9" + domain, PASSWORD), 409, "email");
        assertEquals(user.get("id"), read(todos.get("/users/me", todos.token("jose\u0301" + domain, PASSWORD))).get("id"));
    }

    @Test
    void compatibilityLookAlikesSuchAsTheKelvinSignAreOneAccount() {
        String domain = "-" + UUID.randomUUID() + "@example.com";
        JsonNode user = read(todos.signUp("kate" + domain, PASSWORD));
        // KELVIN SIGN, fullwidth letters and a fullwidth at sign all become plain ASCII under NFKC
        for (String lookAlike : List.of("\u212Aate" + domain, "\uFF4B\uFF41\uFF54\uFF45" + domain,
                ("kate" + domain).replace('@', '\uFF20'))) {
            assertProblem(todos.signUp(lookAlike, PASSWORD), 409, "email");
            assertEquals(user.get("id"), read(todos.get("/users/me", todos.token(lookAlike, PASSWORD))).get("id"),
                    lookAlike);
        }
    }

    @Test
    void invisibleAndFormatCharactersAnswer400NamingEmail() {
        String email = uniqueEmail("invisible");
        assertEquals(201, todos.signUp(email, PASSWORD).status());
        int at = email.indexOf('@');
        for (String invisible : List.of("\u200B", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u202E", "\u034F",
                "\uFE0F", "\u3164", "\uDB40\uDC01", "\uE000", "\u0378")) {
            for (String lookAlike : List.of(email + invisible, email.substring(0, at) + invisible + email.substring(at))) {
                assertProblem(todos.signUp(lookAlike, PASSWORD), 400, "email");
                assertProblem(todos.requestToken(lookAlike, PASSWORD), 400, "email");
            }
        }
    }

    @Test
    void mixingScriptsInOnePartAnswers400NamingEmail() {
        String domain = "-" + UUID.randomUUID() + "@example.com";
        // CYRILLIC SMALL LETTER A among Latin letters: looks like paypal
        assertProblem(todos.signUp("p\u0430ypal" + domain, PASSWORD), 400, "email");
        assertProblem(todos.signUp("paypal@ex\u0430mple.com", PASSWORD), 400, "email");
        // one script per part is fine, and so are Latin with Han and kana, as in Japanese
        String digits = "-" + System.nanoTime() + "@example.com";
        assertEquals(201, todos.signUp("\u0438\u0432\u0430\u043d" + digits, PASSWORD).status());
        assertEquals(201, todos.signUp("taro\u5c71\u7530\u30bf\u30ed\u3046" + domain, PASSWORD).status());
        assertEquals(201, todos.signUp("user-" + UUID.randomUUID() + "@\u043f\u0440\u0438\u043c\u0435\u0440.example",
                PASSWORD).status());
    }

    @Test
    void passwordsOutsideEightTo256CharactersAnswer400NamingPassword() {
        assertProblem(todos.signUp(uniqueEmail("short"), "1234567"), 400, "password");
        assertProblem(todos.signUp(uniqueEmail("short"), ""), 400, "password");
        assertProblem(todos.signUp(uniqueEmail("long"), "p".repeat(257)), 400, "password");
        assertEquals(201, todos.signUp(uniqueEmail("eight"), "12345678").status());
        assertEquals(201, todos.signUp(uniqueEmail("max"), "ü".repeat(256)).status());
    }

    @Test
    void missingFieldsAnswer400NamingTheField() {
        assertProblem(todos.http.postJson("/users", "{}"), 400, "email");
        assertProblem(todos.http.postJson("/users", json("password", PASSWORD)), 400, "email");
        assertProblem(todos.http.postJson("/users", json("email", uniqueEmail("nopass"))), 400, "password");
        assertProblem(todos.http.postJson("/users", json("email", uniqueEmail("nullpass"), "password", null)), 400,
                "password");
        assertProblem(todos.http.postJson("/users", "not json"), 400, null);
        assertProblem(todos.http.send("POST", "/users", "text/plain", "{}".getBytes()), 415, null);
    }

    @Test
    void everyCharacterOfALongPasswordCounts() {
        // bcrypt alone reads 72 bytes; these differ only after 80
        String email = uniqueEmail("longpass");
        String password = "x".repeat(80) + "A";
        assertEquals(201, todos.signUp(email, password).status());
        ProblemAssertions.assertUnauthorized(todos.requestToken(email, "x".repeat(80) + "B"), CHALLENGE);
        assertEquals(200, todos.requestToken(email, password).status());
    }

    @Test
    void meAnswersTheSignedInUser() {
        String email = uniqueEmail("me");
        JsonNode user = read(todos.signUp(email, PASSWORD));
        Response me = todos.get("/users/me", todos.token(email.toUpperCase(), PASSWORD));
        assertEquals(200, me.status(), shown(me));
        assertEquals(user, read(me));
    }

    @Test
    void meWithoutTokenAnswers401WithChallenge() {
        assertUnauthorized(todos.http.get("/users/me"), CHALLENGE);
    }

    @Test
    void otherMethodsAnswer405AndUnknownPaths404() {
        Response getUsers = todos.http.get("/users");
        assertProblem(getUsers, 405, null);
        assertEquals("POST", getUsers.header("Allow").orElseThrow());
        Response deleteMe = todos.http.delete("/users/me");
        assertProblem(deleteMe, 405, null);
        assertEquals("GET, HEAD", deleteMe.header("Allow").orElseThrow());
        assertProblem(todos.http.get("/users/1"), 404, null);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
