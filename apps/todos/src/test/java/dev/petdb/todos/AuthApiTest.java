package dev.petdb.todos;

import static dev.petdb.todos.ProblemAssertions.CHALLENGE;
import static dev.petdb.todos.ProblemAssertions.INVALID_TOKEN;
import static dev.petdb.todos.ProblemAssertions.assertProblem;
import static dev.petdb.todos.ProblemAssertions.assertUnauthorized;
import static dev.petdb.todos.TodosClient.json;
import static dev.petdb.todos.TodosClient.read;
import static dev.petdb.todos.TodosClient.uniqueEmail;
import static dev.petdb.todos.TodosClient.shown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petdb.testkit.TestHttp.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST /auth/token}, {@code POST /auth/logout} and the bearer check, against a real PostgreSQL.
 */
@ExtendWith(TodosServer.class)
class AuthApiTest {
    private static final String PASSWORD = "correct horse battery";

    private final TodosClient todos;

    AuthApiTest(TodosClient todos) {
        this.todos = todos;
    }

    @Test
    void tokenAnswers200WithABearerTokenAndItsExpiry() {
        String email = uniqueEmail("token");
        assertEquals(201, todos.signUp(email, PASSWORD).status());
        Response response = todos.requestToken(email.toUpperCase(), PASSWORD);
        assertEquals(200, response.status(), shown(response));
        assertEquals("no-store", response.header("Cache-Control").orElseThrow());
        JsonNode token = read(response);
        assertTrue(token.get("access_token").asText().matches("[A-Za-z0-9_-]{43}"), "32 bytes in base64url");
        assertEquals("Bearer", token.get("token_type").asText());
        assertEquals(Duration.ofDays(30).toSeconds(), token.get("expires_in").asLong());
        Instant expiresAt = Instant.parse(token.get("expires_at").asText());
        Duration fromNow = Duration.between(Instant.now(), expiresAt);
        assertTrue(fromNow.compareTo(Duration.ofDays(30).minusMinutes(1)) > 0
                && fromNow.compareTo(Duration.ofDays(30).plusMinutes(1)) < 0, fromNow.toString());
        assertEquals(200, todos.get("/users/me", token.get("access_token").asText()).status());
    }

    @Test
    void everySignInGetsADifferentToken() {
        String email = uniqueEmail("twice");
        assertEquals(201, todos.signUp(email, PASSWORD).status());
        // compared without printing them: tokens stay out of test output
        assertFalse(todos.token(email, PASSWORD).equals(todos.token(email, PASSWORD)), "two sign-ins, one token");
    }

    @Test
    void wrongPasswordAndUnknownEmailAnswerTheSame401() {
        String email = uniqueEmail("known");
        assertEquals(201, todos.signUp(email, PASSWORD).status());
        Response wrongPassword = todos.requestToken(email, PASSWORD + "!");
        Response unknownEmail = todos.requestToken(uniqueEmail("unknown"), PASSWORD);
        assertUnauthorized(wrongPassword, CHALLENGE);
        assertUnauthorized(unknownEmail, CHALLENGE);
        assertEquals(wrongPassword.body(), unknownEmail.body(), "no hint which emails have accounts");
    }

    @Test
    void badTokenRequestsAnswer400NamingTheField() {
        assertProblem(todos.http.postJson("/auth/token", json("password", PASSWORD)), 400, "email");
        assertProblem(todos.http.postJson("/auth/token", json("email", uniqueEmail("x"))), 400, "password");
        assertProblem(todos.requestToken("not an email", PASSWORD), 400, "email");
        assertProblem(todos.requestToken(uniqueEmail("x"), "p".repeat(257)), 400, "password");
        assertProblem(todos.http.postJson("/auth/token", "[]"), 400, null);
        Response get = todos.http.get("/auth/token");
        assertProblem(get, 405, null);
        assertEquals("POST", get.header("Allow").orElseThrow());
    }

    @Test
    void logoutRevokesThePresentedTokenOnly() {
        String email = uniqueEmail("logout");
        assertEquals(201, todos.signUp(email, PASSWORD).status());
        String first = todos.token(email, PASSWORD);
        String second = todos.token(email, PASSWORD);

        Response logout = todos.postJson("/auth/logout", "", first);
        assertEquals(204, logout.status(), shown(logout));
        assertUnauthorized(todos.get("/users/me", first), INVALID_TOKEN);
        assertUnauthorized(todos.postJson("/auth/logout", "", first), INVALID_TOKEN);
        assertEquals(200, todos.get("/users/me", second).status(), "the user's other token still works");
        assertEquals(1L, todos.value("SELECT count(*) FROM todos.access_tokens "
                + "WHERE token_hash = ? AND revoked_at IS NOT NULL", (Object) sha256(first)));
    }

    @Test
    void logoutWithoutTokenAnswers401() {
        assertUnauthorized(todos.http.send("POST", "/auth/logout", null, null), CHALLENGE);
    }

    @Test
    void expiredTokenAnswers401InvalidToken() {
        String token = todos.newUserToken();
        assertEquals(200, todos.get("/users/me", token).status());
        assertEquals(1, todos.update("UPDATE todos.access_tokens SET expires_at = now() - interval '1 second' "
                + "WHERE token_hash = ?", sha256(token)));
        assertUnauthorized(todos.get("/users/me", token), INVALID_TOKEN);
        assertUnauthorized(todos.get("/todos", token), INVALID_TOKEN);
    }

    @Test
    void requestsWithoutBearerCredentialsAnswer401WithThePlainChallenge() {
        assertUnauthorized(todos.http.get("/users/me"), CHALLENGE);
        assertUnauthorized(todos.http.send(todos.http.request("/users/me").header("Authorization", "Basic dXNlcjpwYXNz")
                .GET()), CHALLENGE);
    }

    @Test
    void malformedOrUnknownTokensAnswer401InvalidToken() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String unknown = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        for (String authorization : List.of("Bearer", "Bearer ", "Bearer garbage", "Bearer " + unknown,
                "Bearer " + unknown + "x", "Bearer " + unknown + " extra", "Bearer %%%%", "Bearer ' OR 1=1 --")) {
            assertUnauthorized(todos.http.send(todos.http.request("/users/me").header("Authorization", authorization)
                    .GET()), INVALID_TOKEN);
        }
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() {
        String token = todos.newUserToken();
        Response response = todos.http.send(todos.http.request("/users/me").header("Authorization", "bearer " + token)
                .GET());
        assertEquals(200, response.status(), shown(response));
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
