package dev.petdb.todos.users;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbRow;

/**
 * The users table.
 */
public final class UserStore {
    private static final Logger LOGGER = Logger.getLogger(UserStore.class.getName());
    private static final String UNIQUE_VIOLATION = "23505";

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
     * @return the new user, or empty when an account has the same canonical email
     */
    public Optional<User> add(EmailAddress email, String passwordHash) {
        return db.execute()
                .get("INSERT INTO users (email, email_key, password_hash) VALUES (?, ?, ?) "
                        + "ON CONFLICT (email_key) DO NOTHING RETURNING id, email, created_at",
                        email.asTyped(), email.canonical(), passwordHash)
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
     * @param email a valid email
     * @return what to check a password against, if a user has its canonical form
     */
    public Optional<Credentials> credentials(EmailAddress email) {
        return db.execute()
                .get("SELECT id, password_hash FROM users WHERE email_key = ?", email.canonical())
                .map(row -> new Credentials(row.column("id").get(Long.class),
                        row.column("password_hash").get(String.class)));
    }

    /**
     * Gives accounts stored before migration V2 their canonical email, oldest first, in Java, since that is where
     * the rule lives. An account whose email breaks the rules, or whose canonical form an older account already has
     * (a look-alike registered as a second user), keeps none and so cannot sign in; it is logged by id.
     *
     * @return how many accounts are left without one
     */
    public int keyStoredEmails() {
        Map<Long, String> unkeyed = new LinkedHashMap<>();
        try (Stream<DbRow> rows = db.execute().query("SELECT id, email FROM users WHERE email_key IS NULL ORDER BY id")) {
            rows.forEach(row -> unkeyed.put(row.column("id").get(Long.class), row.column("email").get(String.class)));
        }
        List<Long> left = new ArrayList<>();
        unkeyed.forEach((id, email) -> {
            Optional<String> key = EmailAddress.canonicalOf(email);
            if (key.isEmpty() || !setKey(id, key.get())) {
                left.add(id);
            }
        });
        if (!left.isEmpty()) {
            LOGGER.warning("todos: " + left.size() + " account(s) keep no canonical email, as theirs breaks the "
                    + "email rules or duplicates an older account's, and cannot sign in: user ids " + left);
        }
        return left.size();
    }

    /** @return whether the row has the key now; false when an older account has it (the unique index says so) */
    private boolean setKey(long id, String key) {
        try {
            db.execute().dml("UPDATE users SET email_key = ? WHERE id = ? AND email_key IS NULL", key, id);
            return true;
        } catch (DbClientException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                    return false;
                }
            }
            throw e;
        }
    }

    private static User user(DbRow row) {
        return new User(row.column("id").get(Long.class), row.column("email").get(String.class),
                row.column("created_at").get(Timestamp.class).toInstant());
    }
}
