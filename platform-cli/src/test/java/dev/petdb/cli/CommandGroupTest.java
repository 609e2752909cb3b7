package dev.petdb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A command that only groups others, run alone, is bad usage that names its subcommands.
 */
class CommandGroupTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "backup|list, verify, restore, diff, download, create, prune, history or report",
            "schema|create, list, rotate-password or drop",
            "import|sqlite",
            "app|new"})
    void aGroupAloneNamesItsSubcommands(String group, String subcommands) {
        PetdbRun.Result result = PetdbRun.withEnvironment(Map.of()).run(group);
        assertEquals(2, result.exit());
        assertEquals("petdb: choose a subcommand: " + subcommands, result.err().lines().findFirst().orElse(""), result.err());
    }
}
