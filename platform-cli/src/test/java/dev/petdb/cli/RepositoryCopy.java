package dev.petdb.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.petdb.testkit.TestFiles;

/**
 * Copies of this repository's sources for the {@code petdb app new} tests, which must never write in the repository
 * itself, and snapshots that show a tree unchanged byte for byte.
 */
final class RepositoryCopy {
    /** Build output, git's data and the embedded database's data are not sources. */
    private static final Set<String> SKIPPED = Set.of("target", ".git", ".petdb");

    private RepositoryCopy() {
    }

    /** @return the repository the tests run in, as the build passes it */
    static Path repository() {
        String root = System.getProperty("petdb.repository");
        if (root == null) {
            throw new IllegalStateException("system property petdb.repository is not set: run the tests with Maven");
        }
        return Path.of(root);
    }

    /** @return a new temporary directory holding the repository's sources, with their permissions */
    static Path create() throws IOException {
        Path source = repository();
        Path copy = Files.createTempDirectory("petdb-app-new-test");
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                if (!directory.equals(source) && SKIPPED.contains(directory.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(copy.resolve(source.relativize(directory).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.copy(file, copy.resolve(source.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
        return copy;
    }

    /**
     * @param root a tree
     * @return every file and directory under it, relative, with its permissions and, for a file, its SHA-256
     */
    static SortedMap<String, String> snapshot(Path root) {
        SortedMap<String, String> entries = new TreeMap<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                    entries.put(root.relativize(directory) + "/", permissions(directory));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    entries.put(root.relativize(file).toString(), permissions(file) + " " + sha256(file));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** Fails naming every path added, removed or changed between the two snapshots. */
    static void assertUnchanged(Map<String, String> before, Map<String, String> after) {
        Set<String> changes = changes(before, after);
        if (!changes.isEmpty()) {
            fail("the tree changed: " + changes);
        }
    }

    /** @return the paths added ({@code +}), removed ({@code -}) or changed ({@code ~}) */
    static Set<String> changes(Map<String, String> before, Map<String, String> after) {
        Set<String> changes = new TreeSet<>();
        before.forEach((path, state) -> {
            if (!after.containsKey(path)) {
                changes.add("- " + path);
            } else if (!after.get(path).equals(state)) {
                changes.add("~ " + path);
            }
        });
        after.keySet().stream().filter(path -> !before.containsKey(path)).forEach(path -> changes.add("+ " + path));
        return changes;
    }

    /** Deletes a copy. */
    static void delete(Path root) throws IOException {
        TestFiles.deleteRecursively(root);
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
