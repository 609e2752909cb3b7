package dev.petdb.fruits.items;

/**
 * What {@code GET /?filter=} answers per item, as the seed's server did.
 *
 * @param name the item's name
 */
public record ItemName(String name) {
}
