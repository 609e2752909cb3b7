package dev.petdb.kit.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.petdb.kit.PetApp;
import dev.petdb.kit.RunningApp;
import dev.petdb.testkit.TestHttp;
import dev.petdb.testkit.TestHttp.Response;
import dev.petdb.testkit.app.AppLauncher;
import dev.petdb.testkit.app.AppServer;
import dev.petdb.testkit.app.AppUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Per-client rate limits on a real server: a budget of three requests that refills at one a minute, so a test never
 * waits for a refill (ClientBucketsTest covers refills with its own clock). Each test is its own client, by a bearer
 * token or a forwarded address of its own; the tests here connect from loopback, which is a trusted proxy by default.
 */
class ClientRateLimitTest {
    private static final PetApp APP = PetApp.named("kittest",
            (routes, db) -> routes.get("/hello", (request, response) -> response.send("hello")));
    private static final AppLauncher LAUNCHER = AppLauncher.of(APP::start, RunningApp::port);
    private static final Pattern DETAIL = Pattern.compile("\"detail\":\"too many requests from this client; "
            + "try again in ([0-9]+) seconds?\"");

    @RegisterExtension
    static final AppServer SERVER = new AppServer(LAUNCHER,
            Map.of("RATE_LIMIT_PER_MINUTE", "1", "RATE_LIMIT_BURST", "3"));

    private final TestHttp http;

    ClientRateLimitTest(TestHttp http) {
        this.http = http;
    }

    @Test
    void aBurstOverTheLimitAnswers429WithRetryAfterInWholeSecondsAndAProblem() {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, withToken("burst-token", "/hello").status());
        }
        Response refused = withToken("burst-token", "/hello");
        assertEquals(429, refused.status(), refused.body());
        assertEquals("application/problem+json", refused.header("Content-Type").orElseThrow());
        int retryAfter = Integer.parseInt(refused.header("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "a token a minute: " + retryAfter);
        Matcher detail = DETAIL.matcher(refused.body());
        assertTrue(detail.find(), refused.body());
        assertEquals(retryAfter, Integer.parseInt(detail.group(1)), "the detail says the same wait");
        assertTrue(refused.body().contains("\"status\":429"), refused.body());
        assertTrue(refused.body().contains("\"instance\":\"/hello\""), refused.body());
        assertTrue(!refused.body().contains("burst-token"), "the token is never echoed");
        assertEquals(429, withToken("burst-token", "/no/such/route").status(), "every route counts");
    }

    @Test
    void eachTokenAndEachAddressHasItsOwnBudget() {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, withToken("spent-token", "/hello").status());
        }
        assertEquals(429, withToken("spent-token", "/hello").status());
        assertEquals(200, withToken("another-token", "/hello").status());
        assertEquals(200, forwardedFor("198.51.100.20", "/hello").status(), "a client without a token");
        // the scheme is case-insensitive: the same token, the same budget
        assertEquals(429, http.send(http.request("/hello").header("Authorization", "bearer spent-token").GET())
                .status());
    }

    @Test
    void forwardedForFromATrustedProxyNamesTheClientByItsLastEntry() {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, forwardedFor("203.0.113.7", "/hello").status());
        }
        assertEquals(429, forwardedFor("203.0.113.7", "/hello").status());
        // what the client wrote comes first; the proxy appends the address it saw
        assertEquals(429, forwardedFor("192.0.2.99, 203.0.113.7", "/hello").status());
        assertEquals(200, forwardedFor("203.0.113.7, 203.0.113.8", "/hello").status());
        assertEquals(200, forwardedFor("2001:db8::7", "/hello").status());
    }

    @Test
    void healthChecksAreNeverLimitedNorCounted() {
        for (int i = 0; i < 10; i++) {
            assertEquals(200, forwardedFor("203.0.113.50", "/health/live").status());
            assertEquals(200, forwardedFor("203.0.113.50", "/health/ready").status());
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(200, forwardedFor("203.0.113.50", "/hello").status(), "the budget is untouched");
        }
        assertEquals(429, forwardedFor("203.0.113.50", "/hello").status());
        assertEquals(200, forwardedFor("203.0.113.50", "/health/ready").status(), "nor limited once it is spent");
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        try (AppUnderTest app = AppUnderTest.start(LAUNCHER, Map.of("RATE_LIMIT_PER_MINUTE", "1",
                "RATE_LIMIT_BURST", "3", "RATE_LIMIT_TRUSTED_PROXIES", "192.0.2.1"))) {
            TestHttp untrusted = app.http();
            for (int i = 0; i < 3; i++) {
                assertEquals(200, forwardedFor(untrusted, "203.0.113." + i, "/hello").status());
            }
            // a new forwarded address each time, yet one client: the loopback peer itself
            Response refused = forwardedFor(untrusted, "203.0.113.200", "/hello");
            assertEquals(429, refused.status(), refused.body());
            assertTrue(refused.header("Retry-After").isPresent());
        }
    }

    @Test
    void aLimitOfZeroTurnsLimitsOff() {
        try (AppUnderTest app = AppUnderTest.start(LAUNCHER, Map.of("RATE_LIMIT_PER_MINUTE", "0",
                "RATE_LIMIT_BURST", "1"))) {
            for (int i = 0; i < 20; i++) {
                assertEquals(200, app.http().get("/hello").status());
            }
        }
    }

    private Response withToken(String token, String path) {
        return http.send(http.request(path).header("Authorization", "Bearer " + token).GET());
    }

    private Response forwardedFor(String addresses, String path) {
        return forwardedFor(http, addresses, path);
    }

    private static Response forwardedFor(TestHttp http, String addresses, String path) {
        return http.send(http.request(path).header("X-Forwarded-For", addresses).GET());
    }
}
