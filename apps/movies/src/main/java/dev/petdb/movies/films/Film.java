package dev.petdb.movies.films;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A film work as the API shows it, with the fields of the seed's Django API.
 *
 * @param id           its id
 * @param title        its title
 * @param description  what it is about, or null
 * @param creationDate when it was made, or null
 * @param rating       0 to 10 with one decimal, or null
 * @param type         {@code movie} or {@code tv_show}
 * @param genres       its genres' names, sorted
 * @param actors       its actors' names, sorted
 * @param directors    its directors' names, sorted
 * @param writers      its writers' names, sorted
 */
public record Film(UUID id, String title, String description, LocalDate creationDate, BigDecimal rating, String type,
                   List<String> genres, List<String> actors, List<String> directors, List<String> writers) {
}
