package dev.petdb.kit.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LikePatternsTest {
    @Test
    void wildcardsAndTheEscapeCharacterAreTakenLiterally() {
        assertEquals("%an%", LikePatterns.containing("an"));
        assertEquals("%100\\%%", LikePatterns.containing("100%"));
        assertEquals("%a\\_b%", LikePatterns.containing("a_b"));
        assertEquals("%C:\\\\dir%", LikePatterns.containing("C:\\dir"));
        assertEquals("%%", LikePatterns.containing(""));
    }
}
