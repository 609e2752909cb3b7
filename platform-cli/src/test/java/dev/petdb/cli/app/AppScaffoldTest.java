package dev.petdb.cli.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.petdb.cli.CliException;
import dev.petdb.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parts of {@code app new} that the command tests cannot reach: finding the root from below, the root pom's
 * layouts, and undoing the module's move when the pom's move fails.
 */
class AppScaffoldTest {
    private static final String ROOT_POM = """
            <?xml version="1.0" encoding="UTF-8"?>
            <project xmlns="http://maven.apache.org/POM/4.0.0">
                <modelVersion>4.0.0</modelVersion>
                <groupId>dev.petdb</groupId>
                <artifactId>petdb-parent</artifactId>
                <version>1.2.3</version>
                <packaging>pom</packaging>

                <modules>
                    <module>lib</module>
                    <module>apps/one</module> <!-- the first app -->
                </modules>
            </project>
            """;

    @TempDir
    Path root;

    @Test
    void findsTheRootFromAnyDirectoryBelowIt() throws IOException {
        repository(ROOT_POM);
        Path deep = Files.createDirectories(root.resolve("apps/one/src/main/java"));
        // a module's pom is not the root pom
        Files.writeString(root.resolve("apps/one/pom.xml"), "<project><artifactId>one</artifactId></project>");
        assertEquals(root, Repository.find(deep).root());
        assertEquals(root, Repository.find(root).root());
    }

    @Test
    void findingNoRootIsOneUsageLine() throws IOException {
        Path below = Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/pom.xml"), "<project><artifactId>petdb-cli</artifactId></project>");
        CliException none = assertThrows(CliException.class, () -> Repository.find(below));
        assertEquals(ExitCodes.USAGE, none.exitCode());
        assertEquals("no petdb repository at or above " + below + " (no pom.xml with artifactId petdb-parent); "
                + "run this in a clone of it, or pass --dir", none.getMessage());
    }

    @Test
    void addsTheModuleAfterTheLastModuleLineWithItsIndentation() throws IOException {
        repository(ROOT_POM);
        assertEquals(ROOT_POM.replace("<!-- the first app -->\n", "<!-- the first app -->\n        <module>apps/two</module>\n"),
                Repository.at(root).rootPomWithModule("apps/two"));

        String windows = ROOT_POM.replace("\n", "\r\n");
        repository(windows);
        assertEquals(windows.replace("<!-- the first app -->\r\n", "<!-- the first app -->\r\n        <module>apps/two</module>\r\n"),
                Repository.at(root).rootPomWithModule("apps/two"));
    }

    @Test
    void refusesARootPomWhoseModulesAreNotOnePerLine() throws IOException {
        repository(ROOT_POM.replace("""
                    <modules>
                        <module>lib</module>
                        <module>apps/one</module> <!-- the first app -->
                    </modules>
                """, "    <modules><module>lib</module></modules>\n"));
        CliException refused = assertThrows(CliException.class, () -> Repository.at(root).rootPomWithModule("apps/two"));
        assertEquals(ExitCodes.FAILURE, refused.exitCode());
        assertTrue(refused.getMessage().endsWith(": its <modules> should list one <module> per line; nothing was written"),
                refused.getMessage());
    }

    @Test
    void writesTheModuleAndThePomWithTheRootsVersion() throws IOException {
        repository(ROOT_POM);
        List<String> written = new AppScaffold().create(Repository.at(root), NewAppName.parse("two"));
        assertEquals("pom.xml", written.getLast());
        assertTrue(Files.readString(root.resolve("apps/two/pom.xml")).contains("<version>1.2.3</version>"));
        assertTrue(Files.readString(root.resolve("pom.xml")).contains("        <module>apps/two</module>\n"));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void whenThePomCannotBeMovedTheModuleIsRemovedAgain() throws IOException {
        repository(ROOT_POM);
        AtomicInteger moves = new AtomicInteger();
        AppScaffold failingSecondMove = new AppScaffold((from, to) -> {
            if (moves.incrementAndGet() == 2) {
                throw new IOException("disk full");
            }
            Files.move(from, to);
        });

        CliException failed = assertThrows(CliException.class,
                () -> failingSecondMove.create(Repository.at(root), NewAppName.parse("two")));

        assertEquals(2, moves.get());
        assertEquals(ExitCodes.FAILURE, failed.exitCode());
        assertEquals("could not create apps/two (IOException: disk full); nothing was changed", failed.getMessage());
        assertFalse(Files.exists(root.resolve("apps/two")));
        assertEquals(ROOT_POM, Files.readString(root.resolve("pom.xml")));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void placeholdersWithoutAValueAreABug() {
        assertEquals("dev.petdb.two.TwoApp", AppScaffold.render("dev.petdb.{{name}}.{{Name}}App", Map.of("name", "two", "Name", "Two")));
        assertThrows(IllegalStateException.class, () -> AppScaffold.render("{{nmae}}", Map.of("name", "two")));
    }

    private void repository(String pom) throws IOException {
        Files.createDirectories(root.resolve("apps"));
        Files.writeString(root.resolve("pom.xml"), pom);
    }

    /** @return the staging directory or the pom's temporary file, if either was left behind */
    private List<String> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(root)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }
}
