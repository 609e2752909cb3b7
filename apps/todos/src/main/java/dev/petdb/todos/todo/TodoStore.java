package dev.petdb.todos.todo;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import dev.petdb.kit.db.LikePatterns;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

/**
 * The todos table. Every statement names the user, so nobody reaches another user's todos, not even by id.
 */
public final class TodoStore {
    static final String COLUMNS = "id, title, description, state, created_at, updated_at, version";

    private final DbClient db;

    /**
     * @param db the app's database client
     */
    public TodoStore(DbClient db) {
        this.db = db;
    }

    /**
     * @param userId the owner
     * @param todo   a validated new todo
     * @return it as stored
     */
    Todo add(long userId, NewTodo.Valid todo) {
        return db.execute()
                .get("INSERT INTO todos (user_id, title, description, state) VALUES (?, ?, ?, ?) RETURNING " + COLUMNS,
                        userId, todo.title(), todo.description(), todo.state().label())
                .map(TodoStore::todo)
                .orElseThrow();
    }

    /**
     * @param userId the owner
     * @param query  which todos
     * @return them, by id
     */
    List<Todo> list(long userId, TodoQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM todos WHERE user_id = ?");
        List<Object> args = new ArrayList<>(List.of(userId));
        if (query.state() != null) {
            sql.append(" AND state = ?");
            args.add(query.state().label());
        }
        if (!query.titleContains().isEmpty()) {
            sql.append(" AND title ILIKE ? ESCAPE '\\'");
            args.add(LikePatterns.containing(query.titleContains()));
        }
        sql.append(" ORDER BY id LIMIT ? OFFSET ?");
        args.add(query.limit());
        args.add(query.offset());
        try (var rows = db.execute().query(sql.toString(), args.toArray())) {
            return rows.map(TodoStore::todo).toList();
        }
    }

    /**
     * @return the user's todo with that id, if they have one
     */
    Optional<Todo> find(long userId, long id) {
        return db.execute().get("SELECT " + COLUMNS + " FROM todos WHERE id = ? AND user_id = ?", id, userId)
                .map(TodoStore::todo);
    }

    /**
     * @param columns  validated values by column name, from {@link TodoChanges#validColumns()}
     * @param expected the version the client last saw, if it sent one: the todo changes only if still at it
     * @return the changed todo, or empty when the user has no todo with that id at that version
     */
    Optional<Todo> update(long userId, long id, Map<String, Object> columns, OptionalLong expected) {
        StringBuilder sql = new StringBuilder("UPDATE todos SET updated_at = now()");
        List<Object> args = new ArrayList<>();
        columns.forEach((column, value) -> {
            sql.append(", ").append(column).append(" = ?");
            args.add(value);
        });
        sql.append(" WHERE id = ? AND user_id = ?");
        args.add(id);
        args.add(userId);
        expected.ifPresent(version -> {
            sql.append(" AND version = ?");
            args.add(version);
        });
        sql.append(" RETURNING ").append(COLUMNS);
        return db.execute().get(sql.toString(), args.toArray()).map(TodoStore::todo);
    }

    /**
     * @param expected the version the client last saw, if it sent one: the todo goes only if still at it
     * @return whether the user had a todo with that id at that version
     */
    boolean delete(long userId, long id, OptionalLong expected) {
        if (expected.isPresent()) {
            return db.execute().delete("DELETE FROM todos WHERE id = ? AND user_id = ? AND version = ?", id, userId,
                    expected.getAsLong()) > 0;
        }
        return db.execute().delete("DELETE FROM todos WHERE id = ? AND user_id = ?", id, userId) > 0;
    }

    /**
     * @return the version of the user's todo with that id, if they have one: after a write that expected another
     */
    OptionalLong version(long userId, long id) {
        return db.execute().get("SELECT version FROM todos WHERE id = ? AND user_id = ?", id, userId)
                .map(row -> OptionalLong.of(row.column("version").get(Long.class)))
                .orElse(OptionalLong.empty());
    }

    /** @return a todo from a row holding {@link #COLUMNS} */
    static Todo todo(DbRow row) {
        return new Todo(row.column("id").get(Long.class), row.column("title").get(String.class),
                row.column("description").get(String.class),
                TodoState.parse("state", row.column("state").get(String.class)),
                row.column("created_at").get(Timestamp.class).toInstant(),
                row.column("updated_at").get(Timestamp.class).toInstant(), row.column("version").get(Long.class));
    }
}
