package dev.petdb.todos.todo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of {@code PATCH /todos/{id}}. A class with setters rather than a record: Jackson calls a setter only for a
 * field the request has, which is how a field left out (unchanged) differs from an explicit null.
 */
public final class TodoChanges {
    private String title;
    private String description;
    private String state;
    private Long version;
    private boolean titleSent;
    private boolean descriptionSent;
    private boolean stateSent;

    /** @param title the new title; null is refused */
    public void setTitle(String title) {
        this.title = title;
        this.titleSent = true;
    }

    /** @param description the new description; null removes it */
    public void setDescription(String description) {
        this.description = description;
        this.descriptionSent = true;
    }

    /** @param state the new state; null is refused */
    public void setState(String state) {
        this.state = state;
        this.stateSent = true;
    }

    /** @param version the version the client last saw, as If-Match would name it; null names none */
    public void setVersion(Long version) {
        this.version = version;
    }

    /** @return the version sent, or null */
    Long version() {
        return version;
    }

    /**
     * @return the columns to set, each to its validated value (a description may be null); only names from this
     *         class, so they are safe to put into SQL
     * @throws dev.petdb.kit.http.ProblemException 400 naming the first invalid field
     */
    Map<String, Object> validColumns() {
        Map<String, Object> columns = new LinkedHashMap<>();
        if (titleSent) {
            columns.put("title", TodoFields.title(title));
        }
        if (descriptionSent) {
            columns.put("description", TodoFields.description(description));
        }
        if (stateSent) {
            columns.put("state", TodoState.parse("state", state).label());
        }
        return columns;
    }
}
