/**
 * movies: the app's main, which names it and wires the film store and routes into the kit. Only the JVM (main) and
 * the app's tests call MoviesApp.
 */
package dev.petdb.movies;
