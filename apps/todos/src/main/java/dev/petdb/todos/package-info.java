/**
 * todos: the app's main, which names it and wires its stores, authentication and routes into the kit. Only the JVM
 * (main) and the app's tests call TodosApp.
 */
package dev.petdb.todos;
