/**
 * Signing in and out: email and password exchanged for a bearer token kept only as its hash, the one check of
 * {@code Authorization: Bearer}, and the per-address throttle that counts attempts in the database before any
 * password is checked.
 * TodosApp wires it; the todo and user routes call BearerAuth.
 */
package dev.petdb.todos.auth;
