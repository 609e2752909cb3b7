package dev.petdb.kit.http.json;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

/**
 * Values to UTF-8 JSON and JSON text to values of a given type, on one {@link JsonFactory} with limits on what it
 * parses. Thread-safe; make one and keep it.
 */
public final class JsonCodec {
    private final JsonFactory factory;

    /**
     * @param maxNesting      deepest nesting of arrays and objects the parser takes
     * @param maxNumberLength most characters in one number the parser takes
     */
    public JsonCodec(int maxNesting, int maxNumberLength) {
        factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxNesting)
                        .maxNumberLength(maxNumberLength)
                        .build())
                // a body quoted in an error location would end up in logs
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
    }

    /**
     * @param value a record, list, map, text, number, boolean, date or time, UUID, enum or null
     * @return its JSON in UTF-8
     * @throws IllegalArgumentException when {@code value} holds something of another kind
     */
    public byte[] bytes(Object value) {
        // the output buffer comes from the factory's recycler too, as databind's writeValueAsBytes takes it
        try (ByteArrayBuilder buffer = new ByteArrayBuilder(factory._getBufferRecycler())) {
            try (JsonGenerator out = factory.createGenerator(buffer, JsonEncoding.UTF8)) {
                ValueWriters.write(out, value);
            }
            byte[] bytes = buffer.toByteArray();
            buffer.release();
            return bytes;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /**
     * Reads one JSON value, and nothing after it, as {@code type}.
     *
     * @param text JSON text
     * @param type a record, a class with setters, or one of the types {@link #bytes} writes
     * @param <T>  the type
     * @return the value; null when the text is {@code null}
     * @throws JsonMismatchException    when the JSON is well-formed but does not fit the type
     * @throws IOException              when the text is not JSON ({@link JsonParseException}, with its location),
     *                                  or is over the limits
     * @throws IllegalArgumentException when {@code type} cannot be read from JSON at all
     */
    public <T> T read(String text, Class<T> type) throws IOException {
        ValueReader reader = ValueReaders.of(type);
        try (JsonParser in = factory.createParser(text)) {
            if (in.nextToken() == null) {
                throw JsonMismatchException.wrongType();
            }
            Object value = reader.read(in);
            if (in.nextToken() != null) {
                throw new JsonParseException(in, "more follows the JSON value", in.currentTokenLocation());
            }
            return type.cast(value);
        }
    }

    /**
     * The names of the JSON object's members for {@code type}, spelled as this codec writes and reads them: what an
     * OpenAPI schema that says it mirrors the type must list.
     *
     * @param type a record (its components, in order, all written; {@link OmitNulls} leaves out those that are null)
     *             or a class with setters (the fields it reads, in alphabetical order)
     * @return the member names in snake_case
     * @throws IllegalArgumentException when {@code type} is neither
     */
    public static Set<String> fieldNames(Class<?> type) {
        if (type.isRecord()) {
            return Arrays.stream(type.getRecordComponents())
                    .map(component -> SnakeCase.of(component.getName()))
                    .collect(Collectors.toCollection(LinkedHashSet::new));
        }
        return new TreeSet<>(SetterReader.of(type).fieldNames());
    }
}
