package dev.petdb.kit.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class EntityTagsTest {
    private static final String TAG = EntityTags.of("[{\"name\":\"banana\"}]".getBytes(StandardCharsets.UTF_8));

    @Test
    void tagIsQuotedStableAndDependsOnEveryByte() {
        assertTrue(TAG.matches("\"[A-Za-z0-9_-]{22}\""), TAG);
        assertEquals(TAG, EntityTags.of("[{\"name\":\"banana\"}]".getBytes(StandardCharsets.UTF_8)));
        assertNotEquals(TAG, EntityTags.of("[{\"name\":\"bananA\"}]".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void ifNoneMatchComparesWeaklyAndReadsLists() {
        assertTrue(EntityTags.matches(List.of(TAG), TAG));
        assertTrue(EntityTags.matches(List.of("W/" + TAG), TAG));
        assertTrue(EntityTags.matches(List.of("\"other\", " + TAG), TAG));
        assertTrue(EntityTags.matches(List.of("\"other\"", TAG), TAG));
        assertTrue(EntityTags.matches(List.of("*"), TAG));
    }

    @Test
    void otherOrMissingTagsDoNotMatch() {
        assertFalse(EntityTags.matches(List.of(), TAG));
        assertFalse(EntityTags.matches(List.of("\"other\""), TAG));
        assertFalse(EntityTags.matches(List.of(TAG.replace("\"", "")), TAG));
        assertFalse(EntityTags.matches(List.of(""), TAG));
    }
}
