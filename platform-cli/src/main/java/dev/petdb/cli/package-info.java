/**
 * The {@code petdb} operator CLI: provisioning app schemas and roles, and the backup commands over
 * {@code dev.petdb.backup}. Built out by the provisioning and backup issues.
 */
package dev.petdb.cli;
