package dev.petdb.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Apps started the way Dokku starts them: a process type's command from a Procfile, run by a shell from the
 * repository root with the app's environment, and the startup healthcheck path from its app.json.
 */
public final class DokkuProcesses {
    private DokkuProcesses() {
    }

    /**
     * Starts one Procfile process, as herokuish does: {@code sh -c} in the repository root, with the JDK running the
     * tests first on PATH (the buildpack puts its JDK there) and none of this JVM's database or JVM option variables.
     *
     * @param root     the repository root, where Dokku runs every process
     * @param procfile the Procfile, e.g. {@code apps/todos/Procfile} under root
     * @param type     the process type, {@code web} or {@code release}
     * @param env      the app's variables, such as PORT and DATABASE_URL
     * @param log      where its standard output and error go
     * @return the started process
     */
    public static Process start(Path root, Path procfile, String type, Map<String, String> env, Path log) {
        TestTier.requireFullSuite("an app run from its Procfile");
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", "exec " + command(procfile, type))
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.equals("DATABASE_URL") || key.equals("JAVA_OPTS")
                || key.equals("PETDB_JAVA_OPTS") || key.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(env);
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param procfile a Procfile
     * @param type     a process type in it
     * @return its command
     */
    public static String command(Path procfile, String type) {
        try {
            return Files.readAllLines(procfile).stream()
                    .filter(line -> line.startsWith(type + ":"))
                    .map(line -> line.substring(type.length() + 1).strip())
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(procfile + " has no " + type + " process"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param appJson an app.json
     * @return the path of its startup healthcheck for {@code web}
     */
    public static String healthcheckPath(Path appJson) {
        try {
            for (JsonNode check : new ObjectMapper().readTree(appJson.toFile()).path("healthchecks").path("web")) {
                if (check.path("type").asText().equals("startup") && check.has("path")) {
                    return check.get("path").asText();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError(appJson + " has no startup healthcheck with a path for web");
    }

    /** @return a TCP port that was free a moment ago */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the file's text, or a note that it could not be read: for assertion messages */
    public static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
