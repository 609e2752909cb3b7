package dev.petdb.kit.http.json;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;

/**
 * Reads a JSON object into a class with a public no-argument constructor through its public one-argument setters,
 * {@code setTitle} for the field {@code title}: only the fields sent are set, so such a class can tell a field sent
 * as null from one not sent (a partial update). Other fields are skipped.
 */
final class SetterReader implements ValueReader {
    private final Constructor<?> constructor;
    private final Map<String, Method> setters;
    private final Map<String, ValueReader> readers = new HashMap<>();

    private SetterReader(Constructor<?> constructor, Map<String, Method> setters) {
        this.constructor = constructor;
        this.setters = setters;
        setters.forEach((name, setter) -> readers.put(name, ValueReaders.of(setter.getGenericParameterTypes()[0])));
    }

    /** @throws IllegalArgumentException when {@code type} has no public no-argument constructor or no setter */
    static SetterReader of(Class<?> type) {
        Map<String, Method> setters = new HashMap<>();
        for (Method method : type.getMethods()) {
            String name = method.getName();
            if (name.length() > 3 && name.startsWith("set") && method.getParameterCount() == 1
                    && !Modifier.isStatic(method.getModifiers())) {
                setters.put(SnakeCase.of(property(name.substring(3))), method);
            }
        }
        try {
            Constructor<?> constructor = type.getConstructor();
            if (setters.isEmpty() || Modifier.isAbstract(type.getModifiers())) {
                throw new NoSuchMethodException("no setters");
            }
            // a public setter of a public class nested in one that is not needs opening before reflection calls it
            constructor.setAccessible(true);
            setters.values().forEach(setter -> setter.setAccessible(true));
            return new SetterReader(constructor, setters);
        } catch (NoSuchMethodException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read " + type.getName() + " from JSON: it is neither a record "
                    + "nor a class with a public no-argument constructor and setters", e);
        }
    }

    /** @return the names of the fields it reads, as they are spelled in JSON */
    Set<String> fieldNames() {
        return setters.keySet();
    }

    /** {@code TitleText} to {@code titleText}, {@code URL} to {@code url}: the leading capitals in lower case. */
    private static String property(String suffix) {
        int upper = 0;
        while (upper < suffix.length() && Character.isUpperCase(suffix.charAt(upper))) {
            upper++;
        }
        return suffix.substring(0, upper).toLowerCase(Locale.ROOT) + suffix.substring(upper);
    }

    @Override
    public Object read(JsonParser in) throws IOException {
        if (!ValueReaders.objectStarts(in)) {
            return null;
        }
        Object target = make();
        ValueReaders.readFields(in, (name, value) -> {
            Method setter = setters.get(name);
            if (setter == null) {
                return false;
            }
            set(setter, target, readers.get(name).read(value));
            return true;
        });
        return target;
    }

    private Object make() {
        try {
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a " + constructor.getDeclaringClass().getName(), e);
        }
    }

    private static void set(Method setter, Object target, Object value) {
        if (value == null && setter.getParameterTypes()[0].isPrimitive()) {
            throw JsonMismatchException.wrongType();
        }
        try {
            setter.invoke(target, value);
        } catch (InvocationTargetException e) {
            throw new JsonMismatchException(JsonMismatchException.Kind.INVALID, "refused", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + setter, e);
        }
    }
}
