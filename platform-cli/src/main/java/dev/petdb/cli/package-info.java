/**
 * {@code petdb}, the operator's command line: {@link dev.petdb.cli.Petdb} (the entry point, and the one place failures
 * become exit codes), and what every command shares: its surroundings ({@link dev.petdb.cli.CliContext}), its one
 * failure type ({@link dev.petdb.cli.CliException}) and exit codes ({@link dev.petdb.cli.ExitCodes}), the admin
 * connection ({@link dev.petdb.cli.AdminDatabase}), group commands, JSON output, and how sizes and times are printed.
 * The feature packages below call it; nothing outside the CLI does.
 */
package dev.petdb.cli;
