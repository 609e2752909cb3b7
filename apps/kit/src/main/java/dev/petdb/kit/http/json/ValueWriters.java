package dev.petdb.kit.http.json;

import java.io.IOException;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The writer for each class, chosen once per class and kept in a {@link ClassValue}: writing a response costs a
 * lookup per value, not a reflection walk.
 */
final class ValueWriters {
    private static final ClassValue<ValueWriter> BY_CLASS = new ClassValue<>() {
        @Override
        protected ValueWriter computeValue(Class<?> type) {
            return writerFor(type);
        }
    };

    private ValueWriters() {
    }

    /** Writes {@code value}, which may be null, whatever its class. */
    static void write(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else {
            BY_CLASS.get(value.getClass()).write(out, value);
        }
    }

    /**
     * @return the writer for values declared as {@code type}: its own when no subclass can differ (a final class or
     *         a primitive), else one that looks at each value's class; records too, so one that holds its own type
     *         does not recurse here
     */
    static ValueWriter forDeclared(Class<?> type) {
        if (type.isPrimitive()) {
            return BY_CLASS.get(boxed(type));
        }
        return Modifier.isFinal(type.getModifiers()) && !type.isArray() && !type.isRecord()
                ? BY_CLASS.get(type) : ValueWriters::write;
    }

    private static ValueWriter writerFor(Class<?> type) {
        if (type == String.class) {
            return (out, value) -> out.writeString((String) value);
        }
        if (type == Boolean.class) {
            return (out, value) -> out.writeBoolean((Boolean) value);
        }
        if (type == Integer.class || type == Short.class || type == Byte.class) {
            return (out, value) -> out.writeNumber(((Number) value).intValue());
        }
        if (type == Long.class) {
            return (out, value) -> out.writeNumber((Long) value);
        }
        if (type == Double.class) {
            return (out, value) -> out.writeNumber((Double) value);
        }
        if (type == Float.class) {
            return (out, value) -> out.writeNumber((Float) value);
        }
        if (type == BigDecimal.class) {
            return (out, value) -> out.writeNumber((BigDecimal) value);
        }
        if (type == BigInteger.class) {
            return (out, value) -> out.writeNumber((BigInteger) value);
        }
        if (Labelled.class.isAssignableFrom(type)) {
            return (out, value) -> out.writeString(((Labelled) value).label());
        }
        if (Enum.class.isAssignableFrom(type)) {
            return (out, value) -> out.writeString(((Enum<?>) value).name());
        }
        if (type == Instant.class) {
            return (out, value) -> out.writeString(DateTimeFormatter.ISO_INSTANT.format((Instant) value));
        }
        if (type == OffsetDateTime.class) {
            return (out, value) -> out.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format((OffsetDateTime) value));
        }
        if (type == LocalDateTime.class) {
            return (out, value) -> out.writeString(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format((LocalDateTime) value));
        }
        if (type == LocalDate.class || type == UUID.class) {
            return (out, value) -> out.writeString(value.toString());
        }
        if (type == Optional.class) {
            return (out, value) -> write(out, ((Optional<?>) value).orElse(null));
        }
        if (type.isRecord()) {
            return new RecordWriter(type);
        }
        if (Collection.class.isAssignableFrom(type)) {
            return ValueWriters::writeCollection;
        }
        if (Map.class.isAssignableFrom(type)) {
            return ValueWriters::writeMap;
        }
        if (Object[].class.isAssignableFrom(type)) {
            return (out, value) -> writeArray(out, (Object[]) value);
        }
        return (out, value) -> {
            throw new IllegalArgumentException("cannot write " + type.getName() + " as JSON");
        };
    }

    /** Elements are mostly of one class: its writer is looked up once per run of them, not once per element. */
    private static void writeCollection(JsonGenerator out, Object value) throws IOException {
        out.writeStartArray();
        Class<?> lastClass = null;
        ValueWriter writer = null;
        for (Object element : (Collection<?>) value) {
            if (element == null) {
                out.writeNull();
                continue;
            }
            if (element.getClass() != lastClass) {
                lastClass = element.getClass();
                writer = BY_CLASS.get(lastClass);
            }
            writer.write(out, element);
        }
        out.writeEndArray();
    }

    private static void writeArray(JsonGenerator out, Object[] values) throws IOException {
        writeCollection(out, Arrays.asList(values));
    }

    /** Keys as they are: a map's keys are data, not Java names, so they are not turned into snake_case. */
    private static void writeMap(JsonGenerator out, Object value) throws IOException {
        out.writeStartObject();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
            out.writeFieldName(String.valueOf(entry.getKey()));
            write(out, entry.getValue());
        }
        out.writeEndObject();
    }

    /** @return the wrapper class of a primitive type, such as Long for long */
    static Class<?> boxed(Class<?> type) {
        return MethodType.methodType(type).wrap().returnType();
    }
}
