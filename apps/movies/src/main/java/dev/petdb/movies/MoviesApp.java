package dev.petdb.movies;

import dev.petdb.kit.PetApp;
import dev.petdb.movies.films.FilmRoutes;
import dev.petdb.movies.films.FilmStore;

/**
 * movies: the seed's cinema catalogue API (films with genres and people, paginated) and full-text search in
 * PostgreSQL where the seed had Elasticsearch, on the petdb app kit.
 */
public final class MoviesApp {
    /** The app as the kit runs it; tests start it from here too. */
    public static final PetApp APP = PetApp.named("movies", (routes, db) -> new FilmRoutes(new FilmStore(db)).register(routes));

    private MoviesApp() {
    }

    /**
     * @param args none to serve, {@code migrate} to migrate and exit
     */
    public static void main(String[] args) {
        APP.main(args);
    }
}
