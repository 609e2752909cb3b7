package dev.petdb.fruits;

import dev.petdb.fruits.items.ItemRoutes;
import dev.petdb.fruits.items.ItemStore;
import dev.petdb.kit.PetApp;

/**
 * fruits: the seed's API ({@code GET /?filter=}) and item endpoints, on the petdb app kit.
 */
public final class FruitsApp {
    /** The app as the kit runs it; tests start it from here too. */
    public static final PetApp APP = PetApp.named("fruits", (routes, db) -> new ItemRoutes(new ItemStore(db)).register(routes));

    private FruitsApp() {
    }

    /**
     * @param args none to serve, {@code migrate} to migrate and exit
     */
    public static void main(String[] args) {
        APP.main(args);
    }
}
