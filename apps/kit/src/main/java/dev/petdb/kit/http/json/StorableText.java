package dev.petdb.kit.http.json;

/**
 * Which JSON strings PostgreSQL can store as sent: a JSON escape can spell a lone surrogate ({@code "\ud800"}),
 * which the JDBC driver would store as {@code ?}, or U+0000, which PostgreSQL text cannot hold. The reader refuses
 * such text wherever it reads a string.
 */
final class StorableText {
    private StorableText() {
    }

    /** @return what makes {@code text} unstorable, or null when nothing does */
    static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "must not contain U+0000";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain a lone surrogate (\\u" + Integer.toHexString(c) + ")";
            }
        }
        return null;
    }
}
