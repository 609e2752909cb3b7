package dev.petdb.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * The CLI's one JSON writer, for {@code --json} and for notifications: a record's components in snake_case
 * ({@code sizeBytes} prints as {@code size_bytes}), a map's keys as they are, in the map's order.
 */
public final class JsonOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private JsonOutput() {
    }

    /**
     * @param value records, lists, maps and plain values
     * @return the value as one line of JSON
     */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // only a type Jackson cannot write gets here: a programming error, not the operator's
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
