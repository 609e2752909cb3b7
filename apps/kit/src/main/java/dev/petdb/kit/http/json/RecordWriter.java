package dev.petdb.kit.http.json;

import java.io.IOException;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Writes a record as a JSON object, its components in declaration order under their snake_case names. Names are
 * encoded once ({@link SerializedString}) and accessors are generated functions, so a write reflects on nothing.
 */
final class RecordWriter implements ValueWriter {
    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);
    private static final MethodType MAKES_FUNCTION = MethodType.methodType(Function.class);

    private final SerializedString[] names;
    private final Function<Object, Object>[] accessors;
    private final ValueWriter[] writers;
    private final boolean omitNulls;

    RecordWriter(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        names = new SerializedString[components.length];
        accessors = newAccessors(components.length);
        writers = new ValueWriter[components.length];
        for (int i = 0; i < components.length; i++) {
            names[i] = new SerializedString(SnakeCase.of(components[i].getName()));
            accessors[i] = accessor(type, components[i].getAccessor());
            writers[i] = ValueWriters.forDeclared(components[i].getType());
        }
        omitNulls = type.isAnnotationPresent(OmitNulls.class);
    }

    @Override
    public void write(JsonGenerator out, Object record) throws IOException {
        out.writeStartObject();
        for (int i = 0; i < names.length; i++) {
            Object value = get(i, record);
            if (value == null) {
                if (!omitNulls) {
                    out.writeFieldName(names[i]);
                    out.writeNull();
                }
            } else {
                out.writeFieldName(names[i]);
                writers[i].write(out, value);
            }
        }
        out.writeEndObject();
    }

    private Object get(int i, Object record) {
        return accessors[i].apply(record);
    }

    @SuppressWarnings("unchecked")
    private static Function<Object, Object>[] newAccessors(int length) {
        return new Function[length];
    }

    /**
     * Each accessor as a small generated Function, which the JIT compiles into a plain call: a method handle kept in
     * a field is no constant to it, and cost about a tenth more per record in a list of them. The lookup that
     * generates one needs full access to the record, which a class loaded elsewhere (another module) may not grant:
     * then the method handle, opened first when the record is not public.
     */
    @SuppressWarnings("unchecked")
    private static Function<Object, Object> accessor(Class<?> type, Method method) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            MethodHandle handle = lookup.unreflect(method);
            if (!lookup.hasFullPrivilegeAccess()) {
                return viaHandle(handle.asType(GETTER));
            }
            Class<?> returned = method.getReturnType();
            return (Function<Object, Object>) LambdaMetafactory.metafactory(lookup, "apply", MAKES_FUNCTION,
                    GETTER.erase(), handle, MethodType.methodType(returned.isPrimitive()
                            ? ValueWriters.boxed(returned) : returned, type)).getTarget().invokeExact();
        } catch (Throwable e) {
            throw new IllegalArgumentException("cannot write " + type.getName() + " as JSON", e);
        }
    }

    private static Function<Object, Object> viaHandle(MethodHandle getter) {
        return record -> {
            try {
                return getter.invokeExact(record);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
