/**
 * Each user's own todos: the routes under /todos, their validation, filters and keyset paging, and the store that
 * reads and writes the todos table. TodosApp wires them; only the routes call the store.
 */
package dev.petdb.todos.todo;
