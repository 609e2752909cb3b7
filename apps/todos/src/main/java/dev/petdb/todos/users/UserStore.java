package dev.petdb.todos.users;

import java.sql.Timestamp;
import java.util.Optional;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

/**
 * The users table.
 */
public final class UserStore {
    private final DbClient db;

    /**
     * @param db the app's database client
     */
    public UserStore(DbClient db) {
        this.db = db;
    }

    /**
     * @param email        a valid email
     * @param passwordHash the bcrypt hash of the password
     * @return the new user, or empty when the email is taken in any case
     */
    public Optional<User> add(String email, String passwordHash) {
        return db.execute()
                .get("INSERT INTO users (email, password_hash) VALUES (?, ?) ON CONFLICT ((lower(email))) DO NOTHING "
                        + "RETURNING id, email, created_at", email, passwordHash)
                .map(UserStore::user);
    }

    /**
     * @param id a user id
     * @return the user, if there is one
     */
    public Optional<User> find(long id) {
        return db.execute().get("SELECT id, email, created_at FROM users WHERE id = ?", id).map(UserStore::user);
    }

    /**
     * @param email a valid email, in any case
     * @return what to check a password against, if such a user exists
     */
    public Optional<Credentials> credentials(String email) {
        return db.execute()
                .get("SELECT id, password_hash FROM users WHERE lower(email) = lower(?)", email)
                .map(row -> new Credentials(row.column("id").get(Long.class),
                        row.column("password_hash").get(String.class)));
    }

    private static User user(DbRow row) {
        return new User(row.column("id").get(Long.class), row.column("email").get(String.class),
                row.column("created_at").get(Timestamp.class).toInstant());
    }
}
