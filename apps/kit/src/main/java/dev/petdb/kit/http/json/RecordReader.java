package dev.petdb.kit.http.json;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonParser;

/**
 * Reads a JSON object into a record through its canonical constructor: each component from the field of its
 * snake_case name, a component not sent as null (an Optional as empty, a primitive not sent is of the wrong type),
 * other fields skipped, and the last of duplicate fields wins.
 */
final class RecordReader implements ValueReader {
    private final Class<?> type;
    private final RecordComponent[] components;
    private final Map<String, Integer> indexByName = new HashMap<>();
    private final Constructor<?> constructor;
    /** made on first use: a record may hold its own type, whose reader is this one */
    private volatile ValueReader[] readers;

    RecordReader(Class<?> type) {
        this.type = type;
        components = type.getRecordComponents();
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            indexByName.put(SnakeCase.of(components[i].getName()), i);
            parameterTypes[i] = components[i].getType();
        }
        try {
            constructor = type.getDeclaredConstructor(parameterTypes);
            constructor.setAccessible(true);
        } catch (NoSuchMethodException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read " + type.getName() + " from JSON", e);
        }
    }

    @Override
    public Object read(JsonParser in) throws IOException {
        if (!ValueReaders.objectStarts(in)) {
            return null;
        }
        ValueReader[] readers = readers();
        Object[] arguments = new Object[components.length];
        ValueReaders.readFields(in, (name, value) -> {
            Integer index = indexByName.get(name);
            if (index == null) {
                return false;
            }
            arguments[index] = readers[index].read(value);
            return true;
        });
        for (int i = 0; i < components.length; i++) {
            if (arguments[i] == null && components[i].getType().isPrimitive()) {
                throw JsonMismatchException.wrongType().inField(SnakeCase.of(components[i].getName()));
            }
            if (arguments[i] == null && components[i].getType() == Optional.class) {
                arguments[i] = Optional.empty();
            }
        }
        try {
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            // a compact constructor that validates: the cause says what it refused
            throw new JsonMismatchException(JsonMismatchException.Kind.INVALID, "refused", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a " + type.getName(), e);
        }
    }

    private ValueReader[] readers() {
        ValueReader[] made = readers;
        if (made == null) {
            made = new ValueReader[components.length];
            for (int i = 0; i < components.length; i++) {
                made[i] = ValueReaders.of(components[i].getGenericType());
            }
            readers = made;
        }
        return made;
    }
}
