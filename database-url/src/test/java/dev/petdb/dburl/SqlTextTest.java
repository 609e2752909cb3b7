package dev.petdb.dburl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SqlTextTest {
    @Test
    void quotesIdentifiersAlwaysAndDoublesInnerQuotes() {
        assertEquals("\"notes\"", SqlText.identifier("notes"));
        assertEquals("\"My \"\"odd\"\" table\"", SqlText.identifier("My \"odd\" table"));
    }

    @Test
    void quotesLiteralsTheStandardWay() {
        assertEquals("'it''s'", SqlText.literal("it's"));
        assertEquals("'back\\slash'", SqlText.literal("back\\slash"));
    }
}
