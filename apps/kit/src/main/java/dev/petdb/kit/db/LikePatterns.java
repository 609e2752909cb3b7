package dev.petdb.kit.db;

/**
 * LIKE and ILIKE patterns from user text, so that {@code %}, {@code _} and {@code \} in a search match themselves.
 * Use with {@code ... ILIKE ? ESCAPE '\'}.
 */
public final class LikePatterns {
    private LikePatterns() {
    }

    /**
     * @param text what the value must contain, taken literally
     * @return the pattern {@code %text%} with LIKE's wildcards and escape character escaped
     */
    public static String containing(String text) {
        return "%" + escape(text) + "%";
    }

    /** Escapes LIKE's wildcards and its escape character. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
