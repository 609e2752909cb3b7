package dev.petdb.todos.todo;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.petdb.kit.http.ProblemException;
import dev.petdb.kit.http.json.Labelled;

/**
 * Where a todo stands. In JSON and in the database: the lower-case name.
 */
public enum TodoState implements Labelled {
    DRAFT, TODO, DOING, DONE, TRASH;

    private static final String NAMES = Arrays.stream(values()).map(TodoState::label).collect(Collectors.joining(", "));

    /** @return the name clients and the database use, e.g. {@code doing} */
    @Override
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param field the body field or query parameter the text came from
     * @param text  a state's label
     * @return that state
     * @throws ProblemException 400 naming the field when the text is not a state's label
     */
    public static TodoState parse(String field, String text) {
        for (TodoState state : values()) {
            if (state.label().equals(text)) {
                return state;
            }
        }
        throw ProblemException.invalid(field, field + " must be one of " + NAMES);
    }
}
