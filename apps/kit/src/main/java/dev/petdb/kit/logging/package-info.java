/**
 * Logging for apps: one line per record on stdout through a buffer, and a log manager that keeps logging alive until
 * the app's own shutdown hook has logged its last line. Set up by PetApp and logging.properties; apps only log
 * through java.util.logging.
 */
package dev.petdb.kit.logging;
