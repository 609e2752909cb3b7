package dev.petdb.kit.http;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;

/**
 * Reads JSON strings only when PostgreSQL can store them as sent: a JSON escape can spell a lone surrogate
 * ({@code "\ud800"}), which the JDBC driver would store as {@code ?}, or U+0000, which PostgreSQL text cannot hold.
 */
final class StorableText extends StringDeserializer {
    /** A string that was well-formed JSON but is not text PostgreSQL can store; carries the JSON path like others. */
    static final class Rejected extends JsonMappingException {
        Rejected(JsonParser parser, String message) {
            super(parser, message);
        }
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String text = super.deserialize(parser, context);
        String problem = text == null ? null : problem(text);
        if (problem != null) {
            throw new Rejected(parser, problem);
        }
        return text;
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
