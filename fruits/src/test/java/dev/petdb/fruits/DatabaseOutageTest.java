package dev.petdb.fruits;

import static dev.petdb.fruits.FruitsApiTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import dev.petdb.testkit.TestHttp;
import dev.petdb.testkit.TestHttp.Response;
import dev.petdb.testkit.TestPostgres;
import dev.petdb.testkit.app.AppUnderTest;
import org.junit.jupiter.api.Test;

/**
 * With the database stopped the app keeps running and answers 503 with Retry-After; when the database is back it
 * recovers by itself. Uses a PostgreSQL of its own, which it really stops and starts.
 */
class DatabaseOutageTest {

    @Test
    void answers503WhileTheDatabaseIsDownAndRecoversAfter() {
        TestPostgres server = TestPostgres.dedicated();
        try (AppUnderTest fruits = AppUnderTest.start(FruitsServer.FRUITS, server, server.createDatabase(), Map.of())) {
            TestHttp http = fruits.http();
            assertEquals("[{\"name\":\"banana\"}]", http.get("/?filter=an").body());

            server.stop();
            // the request timeout bounds this: no answer within it fails the test
            Response down = http.send(http.request("/?filter=an").timeout(Duration.ofSeconds(5)).GET());
            assertProblem(down, 503, null);
            assertTrue(Integer.parseInt(down.header("Retry-After").orElseThrow()) > 0);
            assertProblem(http.postJson("/items", "{\"name\":\"kiwi\"}"), 503, null);
            assertEquals(503, http.get("/health/ready").status());
            assertEquals(200, http.get("/health/live").status(), "the app itself keeps running");

            server.start();
            assertTrue(http.awaitOk("/?filter=an", Duration.ofSeconds(30)), "the app recovers once the database is back");
            assertEquals("[{\"name\":\"banana\"}]", http.get("/?filter=an").body());
            assertEquals(200, http.get("/health/ready").status());
        } finally {
            server.close();
        }
    }
}
