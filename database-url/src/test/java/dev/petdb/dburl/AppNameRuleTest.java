package dev.petdb.dburl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppNameRuleTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "my_app2", "pg", "pgx", "publicity", "notes", "z9"})
    void acceptsLowerCaseNamesThatNeedNoQuoting(String name) {
        assertEquals(Optional.empty(), AppNameRule.problem(name));
    }

    @Test
    void acceptsSixtyThreeCharactersButNotSixtyFour() {
        assertTrue(AppNameRule.problem("a".repeat(63)).isEmpty());
        assertTrue(AppNameRule.problem("a".repeat(64)).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Notes", "9lives", "_a", "a-b", "a b", "ä", ""})
    void refusesWhatWouldNeedQuoting(String name) {
        assertEquals("invalid app name '" + name + "': use 1 to 63 lower-case letters, digits and _, starting with a "
                + "letter", AppNameRule.problem(name).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"public", "none", "postgres", "information_schema", "pg_x", "pg_"})
    void refusesWhatPostgresReserves(String name) {
        assertEquals("'" + name + "' is reserved by PostgreSQL and cannot be an app name",
                AppNameRule.problem(name).orElseThrow());
        assertEquals("'" + name + "' is reserved by PostgreSQL and cannot be APP_SCHEMA",
                AppNameRule.problemWithSetting(name, "APP_SCHEMA").orElseThrow());
    }

    @Test
    void showsControlCharactersAsQuestionMarksAndCutsLongNames() {
        assertEquals("invalid app name 'a?b': use 1 to 63 lower-case letters, digits and _, starting with a letter",
                AppNameRule.problem("a\nb").orElseThrow());
        String shown = AppNameRule.problem("X".repeat(100)).orElseThrow();
        assertTrue(shown.contains("'" + "X".repeat(70) + "...'"), shown);
    }
}
