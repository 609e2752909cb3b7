package dev.petdb.cli.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * Reading timeouts as {@code ALTER ROLE ... SET} stores them.
 */
class RoleSettingTest {
    @Test
    void durationsInEveryUnitPostgresqlStores() {
        assertEquals(Optional.of(30_000L), RoleSetting.millis("30s"));
        assertEquals(Optional.of(60_000L), RoleSetting.millis("1min"));
        assertEquals(Optional.of(7_200_000L), RoleSetting.millis("2h"));
        assertEquals(Optional.of(250L), RoleSetting.millis("250"), "a bare number is milliseconds");
        assertEquals(Optional.of(0L), RoleSetting.millis("0"));
        assertEquals(Optional.of(1L), RoleSetting.millis("500us"), "under a millisecond is still a limit");
        assertEquals(Optional.empty(), RoleSetting.millis("soon"));
    }
}
