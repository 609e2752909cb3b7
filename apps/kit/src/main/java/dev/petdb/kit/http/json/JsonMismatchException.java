package dev.petdb.kit.http.json;

import java.util.ArrayList;
import java.util.List;

/**
 * Well-formed JSON that does not fit the type asked for, with the path of the value at fault ({@code todos[0].title},
 * empty for the whole body). No stack trace: it reports a client's input, not a fault of the server.
 */
public final class JsonMismatchException extends RuntimeException {
    /** What is wrong with the value. */
    public enum Kind {
        /** a value of another JSON type, a missing or null primitive, or text that does not parse as the type */
        WRONG_TYPE,
        /** text PostgreSQL cannot store; the message says why */
        UNSTORABLE,
        /** the right type but not acceptable: a number out of range, or the type's constructor refused it (cause) */
        INVALID
    }

    private final Kind kind;
    /** innermost first: field names (String) and list indexes (Integer) */
    private final List<Object> reversedPath = new ArrayList<>(4);

    JsonMismatchException(Kind kind, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
    }

    static JsonMismatchException wrongType() {
        return new JsonMismatchException(Kind.WRONG_TYPE, "wrong type", null);
    }

    /** @return what is wrong */
    public Kind kind() {
        return kind;
    }

    /** @return the value's path, e.g. {@code inners[1].n}; empty for the whole body */
    public String path() {
        StringBuilder path = new StringBuilder();
        for (int i = reversedPath.size() - 1; i >= 0; i--) {
            Object step = reversedPath.get(i);
            if (step instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(step);
            }
        }
        return path.toString();
    }

    JsonMismatchException inField(String name) {
        reversedPath.add(name);
        return this;
    }

    JsonMismatchException atIndex(int index) {
        reversedPath.add(index);
        return this;
    }
}
