package dev.petdb.testkit;

import org.junit.jupiter.api.Assumptions;

/**
 * The two tiers of the test suite. {@code ./mvnw verify} runs everything. {@code ./mvnw test -Dpetdb.fast} is the
 * fast tier, for a unit-level edit: every test that needs a real server or process (PostgreSQL, S3Proxy, gpg, an
 * app's jar) is reported as skipped at the point it asks for one, so only the tests that need nothing but the JVM
 * run. Surefire hands {@code -D} properties to the test JVM, so no profile is needed.
 */
public final class TestTier {
    /** The system property that selects the fast tier. */
    public static final String FAST = "petdb.fast";

    private TestTier() {
    }

    /**
     * Aborts the calling test (JUnit reports it skipped) in the fast tier; does nothing in the full suite.
     *
     * @param what what the test needs, as the skip reason says it
     */
    public static void requireFullSuite(String what) {
        if (fast()) {
            Assumptions.abort("needs " + what + ": left to the full suite (./mvnw verify)");
        }
    }

    /** @return whether this JVM runs the fast tier */
    public static boolean fast() {
        String value = System.getProperty(FAST);
        return value != null && !value.equalsIgnoreCase("false");
    }
}
