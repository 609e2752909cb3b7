package dev.petdb.kit.http.json;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The reader for each type, made once and cached. Strict on purpose: no value is coerced into another JSON type (a
 * number is not text, {@code "true"} is not a boolean, {@code 1.5} is not a whole number), a primitive must be sent
 * and not null, and every string must be text PostgreSQL can store ({@link StorableText}).
 */
final class ValueReaders {
    private static final Map<Type, ValueReader> BY_TYPE = new ConcurrentHashMap<>();

    private ValueReaders() {
    }

    /**
     * @param type a class or a parameterized List, Collection, Map or Optional
     * @return its reader
     * @throws IllegalArgumentException when values of that type cannot be read from JSON
     */
    static ValueReader of(Type type) {
        ValueReader reader = BY_TYPE.get(type);
        if (reader == null) {
            // not computeIfAbsent: a record's reader asks for its components' readers while it is being made
            reader = readerFor(type);
            BY_TYPE.putIfAbsent(type, reader);
        }
        return reader;
    }

    private static ValueReader readerFor(Type type) {
        if (type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw) {
            Type[] arguments = generic.getActualTypeArguments();
            if (raw == List.class || raw == Collection.class) {
                return listOf(of(arguments[0]));
            }
            if (raw == Map.class && arguments[0] == String.class) {
                return mapOf(of(arguments[1]));
            }
            if (raw == Optional.class) {
                ValueReader value = of(arguments[0]);
                return in -> Optional.ofNullable(value.read(in));
            }
        }
        if (!(type instanceof Class<?> raw)) {
            throw new IllegalArgumentException("cannot read " + type.getTypeName() + " from JSON");
        }
        if (raw == String.class) {
            return ValueReaders::text;
        }
        if (raw == Object.class) {
            return ValueReaders::untyped;
        }
        if (raw == List.class || raw == Collection.class) {
            return listOf(ValueReaders::untyped);
        }
        if (raw == Map.class) {
            return mapOf(ValueReaders::untyped);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return nonNull(raw.isPrimitive(), in -> switch (in.currentToken()) {
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                default -> throw JsonMismatchException.wrongType();
            });
        }
        if (raw == int.class || raw == Integer.class) {
            return nonNull(raw.isPrimitive(), in -> {
                requireWhole(in);
                if (in.getNumberType() != JsonParser.NumberType.INT) {
                    throw outOfRange();
                }
                return in.getIntValue();
            });
        }
        if (raw == long.class || raw == Long.class) {
            return nonNull(raw.isPrimitive(), in -> {
                requireWhole(in);
                if (in.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw outOfRange();
                }
                return in.getLongValue();
            });
        }
        if (raw == double.class || raw == Double.class) {
            return nonNull(raw.isPrimitive(), in -> {
                requireNumber(in);
                return in.getDoubleValue();
            });
        }
        if (raw == BigDecimal.class) {
            return nonNull(false, in -> {
                requireNumber(in);
                return in.getDecimalValue();
            });
        }
        if (raw == Instant.class) {
            return parsed(Instant::parse);
        }
        if (raw == OffsetDateTime.class) {
            return parsed(OffsetDateTime::parse);
        }
        if (raw == LocalDateTime.class) {
            return parsed(LocalDateTime::parse);
        }
        if (raw == LocalDate.class) {
            return parsed(LocalDate::parse);
        }
        if (raw == UUID.class) {
            // UUID.fromString would take "1-2-3-4-5"; only the canonical 36 characters are a UUID
            return parsed(text -> {
                if (text.length() != 36) {
                    throw new IllegalArgumentException("not a UUID");
                }
                return UUID.fromString(text);
            });
        }
        if (raw.isEnum()) {
            return enumOf(raw);
        }
        if (raw.isRecord()) {
            return new RecordReader(raw);
        }
        return SetterReader.of(raw);
    }

    private static Object text(JsonParser in) throws IOException {
        return switch (in.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> storable(in.getText());
            default -> throw JsonMismatchException.wrongType();
        };
    }

    private static String storable(String text) {
        String problem = StorableText.problem(text);
        if (problem != null) {
            throw new JsonMismatchException(JsonMismatchException.Kind.UNSTORABLE, problem, null);
        }
        return text;
    }

    /** JSON's own types, for a List, Map or Object without a more precise element type. */
    private static Object untyped(JsonParser in) throws IOException {
        return switch (in.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> storable(in.getText());
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NUMBER_INT -> in.getNumberValue();
            case VALUE_NUMBER_FLOAT -> in.getDoubleValue();
            case START_ARRAY -> listOf(ValueReaders::untyped).read(in);
            case START_OBJECT -> mapOf(ValueReaders::untyped).read(in);
            default -> throw JsonMismatchException.wrongType();
        };
    }

    private static ValueReader listOf(ValueReader elements) {
        return in -> {
            JsonToken token = in.currentToken();
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            if (token != JsonToken.START_ARRAY) {
                throw JsonMismatchException.wrongType();
            }
            List<Object> list = new ArrayList<>();
            while (in.nextToken() != JsonToken.END_ARRAY) {
                try {
                    list.add(elements.read(in));
                } catch (JsonMismatchException e) {
                    throw e.atIndex(list.size());
                }
            }
            return list;
        };
    }

    private static ValueReader mapOf(ValueReader values) {
        return in -> {
            if (!objectStarts(in)) {
                return null;
            }
            Map<String, Object> map = new LinkedHashMap<>();
            readFields(in, (name, value) -> {
                map.put(storable(name), values.read(value));
                return true;
            });
            return map;
        };
    }

    /** Takes one field's value, the parser on its first token; false when the field is not one it takes. */
    @FunctionalInterface
    interface FieldReader {
        boolean read(String name, JsonParser value) throws IOException;
    }

    /**
     * @return true when the current token starts an object, false when it is null
     * @throws JsonMismatchException when it is anything else
     */
    static boolean objectStarts(JsonParser in) {
        JsonToken token = in.currentToken();
        if (token == JsonToken.START_OBJECT) {
            return true;
        }
        if (token == JsonToken.VALUE_NULL) {
            return false;
        }
        throw JsonMismatchException.wrongType();
    }

    /** Reads an object's fields after its start, skipping those {@code field} does not take, to its end. */
    static void readFields(JsonParser in, FieldReader field) throws IOException {
        for (String name = in.nextFieldName(); name != null; name = in.nextFieldName()) {
            in.nextToken();
            try {
                if (!field.read(name, in)) {
                    in.skipChildren();
                }
            } catch (JsonMismatchException e) {
                throw e.inField(name);
            }
        }
    }

    private static ValueReader enumOf(Class<?> type) {
        Map<String, Object> byText = new HashMap<>();
        for (Object constant : type.getEnumConstants()) {
            byText.put(constant instanceof Labelled labelled ? labelled.label() : ((Enum<?>) constant).name(), constant);
        }
        return parsed(text -> {
            Object constant = byText.get(text);
            if (constant == null) {
                throw new IllegalArgumentException("not one of " + byText.keySet());
            }
            return constant;
        });
    }

    /** Text parsed into a value; text that does not parse is of the wrong type, as databind's jsr310 module said. */
    private static ValueReader parsed(Function<String, Object> parse) {
        return nonNull(false, in -> {
            if (in.currentToken() != JsonToken.VALUE_STRING) {
                throw JsonMismatchException.wrongType();
            }
            try {
                return parse.apply(in.getText());
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw JsonMismatchException.wrongType();
            }
        });
    }

    /** null is null for an object type and the wrong type for a primitive, which cannot hold it */
    private static ValueReader nonNull(boolean primitive, ValueReader reader) {
        return in -> {
            if (in.currentToken() == JsonToken.VALUE_NULL) {
                if (primitive) {
                    throw JsonMismatchException.wrongType();
                }
                return null;
            }
            return reader.read(in);
        };
    }

    private static void requireWhole(JsonParser in) {
        if (in.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw JsonMismatchException.wrongType();
        }
    }

    private static void requireNumber(JsonParser in) {
        if (!in.currentToken().isNumeric()) {
            throw JsonMismatchException.wrongType();
        }
    }

    private static JsonMismatchException outOfRange() {
        return new JsonMismatchException(JsonMismatchException.Kind.INVALID, "out of range", null);
    }
}
