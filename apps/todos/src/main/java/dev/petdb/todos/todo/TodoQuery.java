package dev.petdb.todos.todo;

/**
 * Which of a user's todos {@code GET /todos} lists.
 *
 * @param state         only this state, or null for all
 * @param titleContains text the title must contain regardless of case, or empty for any
 * @param limit         most todos to answer
 * @param offset        how many to skip, in id order
 */
public record TodoQuery(TodoState state, String titleContains, int limit, int offset) {
}
