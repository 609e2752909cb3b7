package dev.petdb.todos;

import static dev.petdb.todos.ProblemAssertions.CHALLENGE;
import static dev.petdb.todos.ProblemAssertions.assertProblem;
import static dev.petdb.todos.ProblemAssertions.assertUnauthorized;
import static dev.petdb.todos.TodosClient.uniqueEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

import dev.petdb.testkit.TestHttp.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Failed sign-ins per email slow down further attempts, counted in the database. Waits are checked by backdating
 * the failure row rather than by sleeping.
 */
@ExtendWith(TodosServer.class)
class LoginThrottleApiTest {
    private static final String PASSWORD = "the right password";
    private static final String WRONG = "a wrong password";

    private final TodosClient todos;

    LoginThrottleApiTest(TodosClient todos) {
        this.todos = todos;
    }

    @Test
    void fiveFailuresThenEvenTheRightPasswordAnswers429UntilTheWaitIsOver() {
        String email = uniqueEmail("throttled");
        assertEquals(201, todos.signUp(email, PASSWORD).status());
        for (int i = 1; i <= 5; i++) {
            assertUnauthorized(todos.requestToken(email, WRONG), CHALLENGE);
            assertEquals(i, failures(email));
        }

        Response throttled = todos.requestToken(email, PASSWORD);
        assertProblem(throttled, 429, null);
        assertEquals("1", throttled.header("Retry-After").orElseThrow(), "2^(5-5) seconds after the last failure");
        assertEquals(5, failures(email), "a refused attempt is not checked, so not counted");
        // the email in another case is the same account, so the same count
        assertProblem(todos.requestToken(email.toUpperCase(Locale.ROOT), PASSWORD), 429, null);

        backdate(email, "2 seconds");
        assertEquals(200, todos.requestToken(email, PASSWORD).status());
        assertNull(failures(email), "a success clears the failures");
    }

    @Test
    void eachFurtherFailureDoublesTheWait() {
        String email = uniqueEmail("doubling");
        assertEquals(201, todos.signUp(email, PASSWORD).status());
        setFailures(email, 5, "2 seconds");
        assertUnauthorized(todos.requestToken(email, WRONG), CHALLENGE);
        assertEquals(6, failures(email));
        Response throttled = todos.requestToken(email, PASSWORD);
        assertProblem(throttled, 429, null);
        assertEquals("2", throttled.header("Retry-After").orElseThrow());

        setFailures(email, 8, "3 seconds");
        assertEquals("5", todos.requestToken(email, PASSWORD).header("Retry-After").orElseThrow(), "8 s minus 3 s");
    }

    @Test
    void theWaitIsAtMostFifteenMinutes() {
        String email = uniqueEmail("capped");
        assertEquals(201, todos.signUp(email, PASSWORD).status());
        setFailures(email, 40, "0 seconds");
        Response throttled = todos.requestToken(email, PASSWORD);
        assertProblem(throttled, 429, null);
        assertEquals("900", throttled.header("Retry-After").orElseThrow());
    }

    @Test
    void failuresOlderThanFifteenMinutesStartAfresh() {
        String email = uniqueEmail("stale");
        assertEquals(201, todos.signUp(email, PASSWORD).status());
        setFailures(email, 20, "16 minutes");
        assertUnauthorized(todos.requestToken(email, WRONG), CHALLENGE);
        assertEquals(1, failures(email), "the old count is forgotten");
    }

    @Test
    void failuresForUnknownEmailsCountToo() {
        String email = uniqueEmail("Nobody.Here");
        for (int i = 0; i < 5; i++) {
            assertUnauthorized(todos.requestToken(email, WRONG), CHALLENGE);
        }
        assertEquals(5, failures(email));
        Response throttled = todos.requestToken(email, WRONG);
        assertProblem(throttled, 429, null);
        assertEquals("1", throttled.header("Retry-After").orElseThrow());
        assertEquals(email.toLowerCase(Locale.ROOT), todos.value("SELECT email FROM todos.login_failures "
                + "WHERE lower(email) = lower(?)", email), "kept under the lower-cased email");
    }

    @Test
    void aSuccessBeforeTheLimitClearsTheCount() {
        String email = uniqueEmail("recovers");
        assertEquals(201, todos.signUp(email, PASSWORD).status());
        for (int i = 0; i < 4; i++) {
            assertUnauthorized(todos.requestToken(email, WRONG), CHALLENGE);
        }
        assertEquals(200, todos.requestToken(email, PASSWORD).status());
        assertNull(failures(email));
    }

    @Test
    void twentyParallelGuessesCheckAtMostFivePasswords() {
        String email = uniqueEmail("parallel");
        assertEquals(201, todos.signUp(email, PASSWORD).status());
        List<Supplier<Response>> guesses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String guess = WRONG + " " + i;
            guesses.add(() -> todos.requestToken(email, guess));
        }
        List<Response> answers = TodosClient.inParallel(guesses);

        // a 401 is a password that was checked; a 429 is one refused unchecked
        long checked = answers.stream().filter(answer -> answer.status() == 401).count();
        long refused = answers.stream().filter(answer -> answer.status() == 429).count();
        assertEquals(20, checked + refused, answers.stream().map(Response::status).toList().toString());
        assertTrue(checked <= 5, checked + " passwords checked");
        assertEquals(checked, failures(email).longValue(), "every checked password is counted");
    }

    @Test
    void theSpellingsOfDottedCapitalIAreOneAddressWithOneCounter() {
        String domain = "-" + UUID.randomUUID() + "@example.com";
        // precomposed, decomposed, lower-cased by Java's root locale, and fullwidth: one address after NFKC
        List<String> spellings = List.of("d\u0130" + domain, "dI\u0307" + domain, "di\u0307" + domain,
                "d\uFF29\u0307" + domain);
        assertEquals(201, todos.signUp(spellings.get(0), PASSWORD).status());
        for (String spelling : spellings) {
            assertUnauthorized(todos.requestToken(spelling, WRONG), CHALLENGE);
        }
        assertEquals(1L, todos.value("SELECT count(*) FROM todos.login_failures WHERE email LIKE ?", "%" + domain));
        assertEquals(4, todos.value("SELECT failures FROM todos.login_failures WHERE email LIKE ?", "%" + domain));

        for (String spelling : spellings) {
            assertEquals(200, todos.requestToken(spelling, PASSWORD).status(), spelling);
        }
        // a plain i is another address, whatever PostgreSQL's lower() would make of the dotted one
        assertUnauthorized(todos.requestToken("di" + domain, PASSWORD), CHALLENGE);
    }

    private Integer failures(String email) {
        return (Integer) todos.value("SELECT failures FROM todos.login_failures WHERE email = ?",
                email.toLowerCase(Locale.ROOT));
    }

    private void backdate(String email, String interval) {
        assertEquals(1, todos.update("UPDATE todos.login_failures SET last_failed_at = last_failed_at - ?::interval "
                + "WHERE email = ?", interval, email.toLowerCase(Locale.ROOT)));
    }

    private void setFailures(String email, int failures, String ago) {
        todos.update("INSERT INTO todos.login_failures (email, failures, last_failed_at) VALUES (?, ?, now() - ?::interval) "
                + "ON CONFLICT (email) DO UPDATE SET failures = excluded.failures, last_failed_at = excluded.last_failed_at",
                email.toLowerCase(Locale.ROOT), failures, ago);
    }
}
