package dev.petdb.todos.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The wait after n failures: none for the first five, then doubling from one second up to fifteen minutes. */
class LoginThrottleTest {
    @Test
    void delayDoublesFromOneSecondAfterFiveFailuresUpToFifteenMinutes() {
        for (int failures = 0; failures < 5; failures++) {
            assertEquals(Duration.ZERO, LoginThrottle.delay(failures));
        }
        assertEquals(Duration.ofSeconds(1), LoginThrottle.delay(5));
        assertEquals(Duration.ofSeconds(2), LoginThrottle.delay(6));
        assertEquals(Duration.ofSeconds(512), LoginThrottle.delay(14));
        assertEquals(Duration.ofMinutes(15), LoginThrottle.delay(15));
        assertEquals(Duration.ofMinutes(15), LoginThrottle.delay(Integer.MAX_VALUE));
    }
}
