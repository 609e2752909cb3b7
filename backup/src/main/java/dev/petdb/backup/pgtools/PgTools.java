package dev.petdb.backup.pgtools;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.petdb.backup.BackupException;

/**
 * Finds {@code pg_dump} and {@code pg_restore}. With {@code PG_BIN} set, only there; else the newest of those on
 * {@code PATH} and in {@code /usr/lib/postgresql/N/bin}, since a newer client handles older servers and archives but
 * never the other way round.
 */
public final class PgTools {
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)(\\.\\d+)?");
    private static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");

    private final Map<String, String> env;

    /**
     * @param env the environment: {@code PG_BIN} and {@code PATH}
     */
    public PgTools(Map<String, String> env) {
        this.env = env;
    }

    /**
     * @param name {@code pg_dump} or {@code pg_restore}
     * @return the newest usable copy, if any
     */
    public Optional<PgTool> find(String name) {
        return candidates(name).stream()
                .map(path -> probe(name, path))
                .flatMap(Optional::stream)
                .max(Comparator.comparingInt(PgTool::major));
    }

    /**
     * @param name {@code pg_dump}, {@code pg_restore} or {@code psql}
     * @return the newest usable copy
     * @throws BackupException naming where it looked, when there is none
     */
    public PgTool require(String name) {
        return find(name).orElseThrow(() -> new BackupException(name + " not found in " + searchedPlaces()
                + ": install the PostgreSQL client tools or set PG_BIN"));
    }

    /** @return where this finder looks, in words, for error messages */
    public String searchedPlaces() {
        String pgBin = env.get("PG_BIN");
        return pgBin != null && !pgBin.isBlank() ? "PG_BIN (" + pgBin + ")" : "PATH and " + DEBIAN_VERSIONS + "/N/bin";
    }

    private List<Path> candidates(String name) {
        List<Path> paths = new ArrayList<>();
        String pgBin = env.get("PG_BIN");
        if (pgBin != null && !pgBin.isBlank()) {
            paths.add(Path.of(pgBin, name));
            return paths;
        }
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                paths.add(Path.of(dir, name));
            }
        }
        if (Files.isDirectory(DEBIAN_VERSIONS)) {
            try (DirectoryStream<Path> versions = Files.newDirectoryStream(DEBIAN_VERSIONS)) {
                for (Path version : versions) {
                    paths.add(version.resolve("bin").resolve(name));
                }
            } catch (IOException e) {
                // nothing there to use
            }
        }
        return paths;
    }

    private static Optional<PgTool> probe(String name, Path path) {
        if (!Files.isExecutable(path)) {
            return Optional.empty();
        }
        try {
            Process process = new ProcessBuilder(path.toString(), "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return Optional.empty();
            }
            Matcher matcher = VERSION.matcher(output);
            if (!matcher.find()) {
                return Optional.empty();
            }
            String version = matcher.group(1) + (matcher.group(2) == null ? "" : matcher.group(2));
            return Optional.of(new PgTool(name, path, version, Integer.parseInt(matcher.group(1))));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
