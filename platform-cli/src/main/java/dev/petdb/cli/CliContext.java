package dev.petdb.cli;

import java.io.PrintWriter;
import java.util.Map;

/**
 * What a command may use from its surroundings: the environment and where to print. Tests pass their own.
 *
 * @param env the environment variables
 * @param out standard output: results
 * @param err standard error: progress and problems
 */
public record CliContext(Map<String, String> env, PrintWriter out, PrintWriter err) {
}
