/**
 * {@code petdb import sqlite}: an app's SQLite file into its schema, read and checked first (types, values,
 * problems, as an {@code ImportPlan}), then copied in one transaction that commits only when the row counts and
 * checksums match. Only {@link dev.petdb.cli.Petdb} calls it.
 */
package dev.petdb.cli.sqlite;
