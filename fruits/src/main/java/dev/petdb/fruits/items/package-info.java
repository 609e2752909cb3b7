/**
 * Items: the seed's GET /?filter= and the /items endpoints, their validation, and the store that reads and writes the
 * items table. FruitsApp wires them; only the routes call the store.
 */
package dev.petdb.fruits.items;
