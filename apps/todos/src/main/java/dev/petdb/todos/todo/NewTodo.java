package dev.petdb.todos.todo;

/**
 * The body of {@code POST /todos}.
 *
 * @param title       required
 * @param description optional
 * @param state       optional, {@code todo} when absent
 */
public record NewTodo(String title, String description, String state) {
    /**
     * @return the same todo with its fields validated: title trimmed, state defaulted
     * @throws dev.petdb.kit.http.ProblemException 400 naming the first invalid field
     */
    Valid valid() {
        return new Valid(TodoFields.title(title), TodoFields.description(description),
                state == null ? TodoState.TODO : TodoState.parse("state", state));
    }

    /** A new todo whose fields passed validation. */
    record Valid(String title, String description, TodoState state) {
    }
}
