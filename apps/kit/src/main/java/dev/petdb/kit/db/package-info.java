/**
 * The database side of an app: data sources bound to the app's schema, the Hikari pool handed to Helidon's DB client,
 * Flyway migrations with their lock and checksum check, the embedded PostgreSQL for local runs, and the check that
 * tells a database outage from other failures. PetApp calls most of it; apps may call LikePatterns; Problems calls
 * DatabaseOutage.
 */
package dev.petdb.kit.db;
