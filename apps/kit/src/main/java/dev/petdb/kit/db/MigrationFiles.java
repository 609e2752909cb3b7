package dev.petdb.kit.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The versioned migrations an app ships, by file name and checksum, read from the classpath without Flyway: at a start
 * with nothing to migrate (every start after Dokku's release phase), loading Flyway would cost most of the start-up
 * time and memory.
 */
final class MigrationFiles {
    private static final Pattern VERSIONED = Pattern.compile("V[0-9]+(?:[._][0-9]+)*__[^/]+\\.sql");

    private MigrationFiles() {
    }

    /**
     * @param loader   where the migrations are
     * @param location their folder, e.g. {@code db/migration/fruits}
     * @return the file names of the versioned migrations, or empty when anything else is there (repeatable
     *         migrations, callbacks) or the folder cannot be listed: then only Flyway can tell what is pending
     */
    static Optional<Set<String>> versioned(ClassLoader loader, String location) {
        Set<String> names = new HashSet<>();
        try {
            for (URL url : Collections.list(loader.getResources(location))) {
                switch (url.getProtocol()) {
                    case "file" -> {
                        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                            files.forEach(file -> names.add(file.getFileName().toString()));
                        }
                    }
                    case "jar" -> {
                        JarURLConnection connection = (JarURLConnection) url.openConnection();
                        connection.setUseCaches(false);
                        try (JarFile jar = connection.getJarFile()) {
                            String prefix = location + "/";
                            jar.stream().map(JarEntry::getName)
                                    .filter(name -> name.startsWith(prefix) && name.length() > prefix.length())
                                    .forEach(name -> names.add(name.substring(prefix.length())));
                        }
                    }
                    default -> {
                        return Optional.empty();
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
        boolean onlyVersioned = !names.isEmpty() && names.stream().allMatch(name -> VERSIONED.matcher(name).matches());
        return onlyVersioned ? Optional.of(names) : Optional.empty();
    }

    /**
     * The checksum Flyway records for a SQL migration (its {@code LoadableResource.calculateChecksum}): CRC32 over the
     * UTF-8 bytes of each line without its line break, a byte order mark dropped, so line endings do not count.
     *
     * @param loader   where the migrations are
     * @param location their folder, e.g. {@code db/migration/fruits}
     * @param name     the file name, e.g. {@code V1__create_items.sql}
     * @return the checksum as Flyway stores it, a signed int
     * @throws IOException when the file cannot be read
     */
    static int checksum(ClassLoader loader, String location, String name) throws IOException {
        InputStream in = loader.getResourceAsStream(location + "/" + name);
        if (in == null) {
            throw new IOException("no " + location + "/" + name + " on the classpath");
        }
        CRC32 crc = new CRC32();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line = lines.readLine();
            if (line != null && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            for (; line != null; line = lines.readLine()) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return (int) crc.getValue();
    }
}
