package dev.petdb.todos.todo;

import java.util.List;

/**
 * The answer to {@code GET /todos}: an object rather than a bare array, so it can grow fields later.
 *
 * @param todos the todos on this page, by id
 */
public record TodoPage(List<Todo> todos) {
}
