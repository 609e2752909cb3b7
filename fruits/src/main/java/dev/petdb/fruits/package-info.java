/**
 * fruits: the seed's app, the smallest example of the kit: its main names it and wires the item store and routes.
 * Only the JVM (main) and the app's tests call FruitsApp.
 */
package dev.petdb.fruits;
