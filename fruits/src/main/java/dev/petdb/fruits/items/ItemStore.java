package dev.petdb.fruits.items;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import dev.petdb.kit.db.LikePatterns;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

/**
 * The items table. Every value is a bound parameter; the connection's search_path is the app's schema.
 */
public final class ItemStore {
    private final DbClient db;

    /**
     * @param db the app's database client
     */
    public ItemStore(DbClient db) {
        this.db = db;
    }

    /**
     * @param filter text the name must contain, case-insensitively; {@code %}, {@code _} and {@code \} match themselves
     * @return the names, ordered
     */
    public List<ItemName> namesContaining(String filter) {
        var rows = filter.isEmpty()
                ? db.execute().query("SELECT name FROM items ORDER BY name")
                : db.execute().query("SELECT name FROM items WHERE name ILIKE ? ESCAPE '\\' ORDER BY name",
                        LikePatterns.containing(filter));
        try (rows) {
            return rows.map(row -> new ItemName(row.column("name").get(String.class))).toList();
        }
    }

    /**
     * @param name a valid, trimmed name
     * @return the new item, or empty when an item of that name (in any case) exists
     */
    public Optional<Item> add(String name) {
        return db.execute()
                .get("INSERT INTO items (name) VALUES (?) ON CONFLICT ((lower(name))) DO NOTHING "
                        + "RETURNING id, name, created_at", name)
                .map(ItemStore::item);
    }

    /**
     * @param id an item id
     * @return the item, if there is one
     */
    public Optional<Item> find(long id) {
        return db.execute().get("SELECT id, name, created_at FROM items WHERE id = ?", id).map(ItemStore::item);
    }

    /**
     * @param id an item id
     * @return whether there was such an item
     */
    public boolean delete(long id) {
        return db.execute().delete("DELETE FROM items WHERE id = ?", id) > 0;
    }

    private static Item item(DbRow row) {
        return new Item(row.column("id").get(Long.class), row.column("name").get(String.class),
                row.column("created_at").get(Timestamp.class).toInstant());
    }
}
