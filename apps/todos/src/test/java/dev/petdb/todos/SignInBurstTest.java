package dev.petdb.todos;

import static dev.petdb.todos.TodosClient.inParallel;
import static dev.petdb.todos.TodosClient.shown;
import static dev.petdb.todos.TodosClient.uniqueEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import dev.petdb.testkit.TestHttp.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A burst of sign-ups and sign-ins is CPU work (bcrypt), not database work: on a small pool it must answer 2xx, 401
 * or 429, never 503 "database unavailable", and readiness must stay up meanwhile.
 */
class SignInBurstTest {
    @RegisterExtension
    static final TodosServer SERVER = new TodosServer(Map.of("DB_POOL_SIZE", "2"));

    private static final String PASSWORD = "burst password";
    private static final int BURST = 30;

    private final TodosClient todos;

    SignInBurstTest(TodosClient todos) {
        this.todos = todos;
    }

    @Test
    void aBurstOfSignUpsAndSignInsNeverAnswers503AndReadinessStaysUp() {
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < BURST / 3; i++) {
            accounts.add(uniqueEmail("burst-known"));
            assertEquals(201, todos.signUp(accounts.get(i), PASSWORD).status());
        }
        List<Supplier<Response>> burst = new ArrayList<>();
        for (int i = 0; i < BURST / 3; i++) {
            String known = accounts.get(i);
            burst.add(() -> todos.signUp(uniqueEmail("burst-new"), PASSWORD));
            burst.add(() -> todos.requestToken(known, PASSWORD));
            burst.add(() -> todos.requestToken(uniqueEmail("burst-unknown"), PASSWORD));
        }

        CompletableFuture<List<Response>> answers = CompletableFuture.supplyAsync(() -> inParallel(burst));
        List<Integer> readiness = new ArrayList<>();
        do {
            readiness.add(todos.http.get("/health/ready").status());
        } while (!answers.isDone());

        assertTrue(readiness.stream().allMatch(status -> status == 200), "readiness during the burst: " + readiness);
        for (Response response : answers.join()) {
            assertTrue(Set.of(200, 201, 401, 429).contains(response.status()), shown(response));
            if (response.status() == 429) {
                assertTrue(response.header("Retry-After").isPresent(), shown(response));
            }
        }
    }
}
