/**
 * {@code petdb schema}: one schema and one isolated login role per app, made, listed, re-keyed and dropped by
 * {@link dev.petdb.cli.schema.SchemaProvisioner}, with the app-name rule ({@link dev.petdb.cli.schema.AppName}) and
 * the connection budget. The commands are for {@link dev.petdb.cli.Petdb}; the provisioner, the name and the budget
 * are also used by doctor, import, restore and app new.
 */
package dev.petdb.cli.schema;
