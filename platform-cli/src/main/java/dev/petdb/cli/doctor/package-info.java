/**
 * {@code petdb doctor}: one check per class, each a line that says OK or PROBLEM (server version, connection budget,
 * pg tools, role settings, idle transactions, stale scratch databases, abandoned uploads). Only
 * {@link dev.petdb.cli.Petdb} calls it.
 */
package dev.petdb.cli.doctor;
