/**
 * {@code petdb app new}: a new app module in a clone of this repository, from the templates in this package's
 * resources, with the repository's build files updated to match. Only {@link dev.petdb.cli.Petdb} calls it.
 */
package dev.petdb.cli.app;
