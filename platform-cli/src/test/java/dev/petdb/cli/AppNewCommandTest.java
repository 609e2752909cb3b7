package dev.petdb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code petdb app new NAME}, in copies of this repository: every refusal is one line, exits 2 and leaves the tree
 * as it was, byte for byte; a new app is exactly its module's files and one more line in the root pom.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppNewCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the refusals run: never written to, which each test checks. */
    private Path refusals;
    private SortedMap<String, String> refusalsBefore;
    private Path copy;

    @BeforeAll
    void aCopyToRefuseIn() throws IOException {
        refusals = RepositoryCopy.create();
        // apps/NAME of any kind takes the name: a directory that is no module, and a plain file
        Files.createDirectories(refusals.resolve("apps/drafts"));
        Files.writeString(refusals.resolve("apps/drafts/ideas.txt"), "not a module yet\n");
        Files.writeString(refusals.resolve("apps/scratch"), "a file\n");
        refusalsBefore = RepositoryCopy.snapshot(refusals);
    }

    @AfterAll
    void deleteCopies() throws IOException {
        RepositoryCopy.delete(refusals);
    }

    @AfterEach
    void deleteCopy() throws IOException {
        if (copy != null) {
            RepositoryCopy.delete(copy);
            copy = null;
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no-tes                           | invalid app name 'no-tes': use 1 to 63 lower-case letters, digits and _, starting with a letter
            no tes                           | invalid app name 'no tes': use 1 to 63 lower-case letters, digits and _, starting with a letter
            Notes                            | invalid app name 'Notes': use 1 to 63 lower-case letters, digits and _, starting with a letter
            9lives                           | invalid app name '9lives': use 1 to 63 lower-case letters, digits and _, starting with a letter
            my_notes                         | invalid app name 'my_notes': a new app's name is also its Dokku app, which cannot contain _; use lower-case letters and digits
            abcdefghijabcdefghijabcdefghijk  | invalid app name 'abcdefghijabcdefghijabcdefghijk': a new app's name is at most 30 characters (this one has 31)
            new                              | invalid app name 'new': it is a Java keyword, so it cannot be the package dev.petdb.new
            class                            | invalid app name 'class': it is a Java keyword, so it cannot be the package dev.petdb.class
            true                             | invalid app name 'true': it is a Java keyword, so it cannot be the package dev.petdb.true
            null                             | invalid app name 'null': it is a Java keyword, so it cannot be the package dev.petdb.null
            postgres                         | 'postgres' is reserved by PostgreSQL and cannot be an app name
            public                           | 'public' is reserved by PostgreSQL and cannot be an app name
            pg_notes                         | 'pg_notes' is reserved by PostgreSQL and cannot be an app name
            drafts                           | app name 'drafts' is taken: apps/drafts exists already; nothing was written
            scratch                          | app name 'scratch' is taken: apps/scratch exists already; nothing was written
            fruits                           | app name 'fruits' is taken: the build has a module fruits; nothing was written
            kit                              | app name 'kit' is taken: apps/kit exists already; nothing was written
            backup                           | app name 'backup' is taken: the build has a module backup; nothing was written
            cli                              | app name 'cli' is taken: module platform-cli has the package dev.petdb.cli; nothing was written
            dburl                            | app name 'dburl' is taken: module database-url has the package dev.petdb.dburl; nothing was written
            """)
    void refusesInvalidOrTakenNamesWritingNothing(String name, String message) {
        assertRefused(PetdbRun.withEnvironment(Map.of()).run("app", "new", name, "--dir", refusals.toString()), message);
    }

    @Test
    void refusesAModuleOfTheBuildEvenWithoutItsDirectory() throws IOException {
        copy = RepositoryCopy.create();
        // todos is listed in the root pom; its directory gone (say, not yet pulled) it is still the build's
        RepositoryCopy.delete(copy.resolve("apps/todos"));
        SortedMap<String, String> before = RepositoryCopy.snapshot(copy);
        PetdbRun.Result result = PetdbRun.withEnvironment(Map.of()).run("app", "new", "todos", "--dir", copy.toString());
        assertEquals(ExitCodes.USAGE, result.exit());
        assertEquals("petdb: app name 'todos' is taken: the build has a module apps/todos; nothing was written\n",
                result.err());
        RepositoryCopy.assertUnchanged(before, RepositoryCopy.snapshot(copy));
    }

    @Test
    void refusesADirectoryThatIsNotTheRepositoryRoot(@TempDir Path empty) {
        PetdbRun.Result result = PetdbRun.withEnvironment(Map.of()).run("app", "new", "notes", "--dir", empty.toString());
        assertEquals(ExitCodes.USAGE, result.exit());
        assertEquals("petdb: " + empty + " is not the root of a petdb repository: it has no pom.xml with artifactId "
                + "petdb-parent\n", result.err());
        assertEquals(List.of(), RepositoryCopy.snapshot(empty).keySet().stream().filter(p -> !p.equals("/")).toList());

        // a module's directory is inside the repository, but not its root
        Path apps = refusals.resolve("apps");
        assertRefused(PetdbRun.withEnvironment(Map.of()).run("app", "new", "notes", "--dir", apps.toString()),
                apps + " is not the root of a petdb repository: it has no pom.xml with artifactId petdb-parent");
    }

    @Test
    void createsTheModuleAndAddsItToTheRootPom() throws IOException {
        copy = RepositoryCopy.create();
        String rootPomBefore = Files.readString(copy.resolve("pom.xml"));
        SortedMap<String, String> before = RepositoryCopy.snapshot(copy);

        PetdbRun.Result result = PetdbRun.withEnvironment(Map.of()).run("app", "new", "notes", "--dir", copy.toString());

        assertEquals(ExitCodes.OK, result.exit(), result.err());
        assertEquals("", result.err());
        List<String> files = List.of("apps/notes/pom.xml", "apps/notes/Procfile", "apps/notes/app.json",
                "apps/notes/src/main/java/dev/petdb/notes/NotesApp.java",
                "apps/notes/src/main/java/dev/petdb/notes/items/Item.java",
                "apps/notes/src/main/java/dev/petdb/notes/items/NewItem.java",
                "apps/notes/src/main/java/dev/petdb/notes/items/ItemStore.java",
                "apps/notes/src/main/java/dev/petdb/notes/items/ItemRoutes.java",
                "apps/notes/src/main/resources/db/migration/notes/V1__create_items.sql",
                "apps/notes/src/main/resources/openapi/notes.json",
                "apps/notes/src/test/java/dev/petdb/notes/NotesAppTest.java");
        Set<String> expected = new TreeSet<>(Set.of("~ pom.xml"));
        files.forEach(file -> expected.add("+ " + file));
        for (String directory : List.of("apps/notes", "apps/notes/src", "apps/notes/src/main", "apps/notes/src/main/java",
                "apps/notes/src/main/java/dev", "apps/notes/src/main/java/dev/petdb",
                "apps/notes/src/main/java/dev/petdb/notes", "apps/notes/src/main/java/dev/petdb/notes/items",
                "apps/notes/src/main/resources", "apps/notes/src/main/resources/db",
                "apps/notes/src/main/resources/db/migration", "apps/notes/src/main/resources/db/migration/notes",
                "apps/notes/src/main/resources/openapi",
                "apps/notes/src/test", "apps/notes/src/test/java", "apps/notes/src/test/java/dev",
                "apps/notes/src/test/java/dev/petdb", "apps/notes/src/test/java/dev/petdb/notes")) {
            expected.add("+ " + directory + "/");
        }
        SortedMap<String, String> after = RepositoryCopy.snapshot(copy);
        assertEquals(expected, RepositoryCopy.changes(before, after));
        // the new directory and the rewritten pom have the permissions of their neighbours, not a temp file's
        assertEquals(before.get("apps/"), after.get("apps/notes/"));
        assertEquals(before.get("pom.xml").split(" ")[0], after.get("pom.xml").split(" ")[0]);

        // what was made is listed, then how to go on
        List<String> listed = result.out().lines().filter(l -> l.startsWith("  apps/") || l.startsWith("  pom.xml"))
                .map(String::strip).toList();
        assertEquals(files, listed.subList(0, files.size()));
        assertEquals(List.of("pom.xml (added <module>apps/notes</module>)"), listed.subList(files.size(), listed.size()));
        for (String step : List.of("./mvnw -pl apps/notes -am verify",
                "./run notes",
                "dokku network:set notes attach-post-create petdb-net", "dokku apps:create notes",
                "dokku ps:set notes procfile-path apps/notes/Procfile", "dokku app-json:set notes appjson-path apps/notes/app.json",
                "petdb schema create notes", "dokku config:set notes DATABASE_URL=...", "git push dokku-notes main")) {
            assertTrue(result.out().contains("  " + step), step + " in:\n" + result.out());
        }

        // the root pom: one line more, like the last module line and right after it
        List<String> pomBefore = rootPomBefore.lines().toList();
        List<String> pomAfter = Files.readString(copy.resolve("pom.xml")).lines().toList();
        int last = pomBefore.indexOf("        <module>platform-cli</module>");
        assertTrue(last > 0, "the root pom's last module is platform-cli");
        assertEquals("        <module>apps/notes</module>", pomAfter.get(last + 1));
        assertEquals(pomBefore, pomAfter.stream().filter(l -> !l.equals("        <module>apps/notes</module>")).toList());

        // the module's pom: an app on the app parent, run by NotesApp
        String modulePom = Files.readString(copy.resolve("apps/notes/pom.xml"));
        for (String element : List.of("<artifactId>petdb-app-parent</artifactId>", "<relativePath>../parent/pom.xml</relativePath>",
                "<artifactId>notes</artifactId>", "<main.class>dev.petdb.notes.NotesApp</main.class>")) {
            assertTrue(modulePom.contains(element), element + " in:\n" + modulePom);
        }

        // Procfile and app.json: the root's, for this app
        String rootProcfile = Files.readString(copy.resolve("Procfile"));
        assertEquals(rootProcfile.replace("fruits/target/fruits.", "apps/notes/target/notes."),
                Files.readString(copy.resolve("apps/notes/Procfile")));
        JsonNode rootAppJson = JSON.readTree(Files.readString(copy.resolve("app.json")).replace("fruits", "notes"));
        assertEquals(rootAppJson, JSON.readTree(Files.readString(copy.resolve("apps/notes/app.json"))));

        // generated code is finished code
        for (String file : files) {
            String text = Files.readString(copy.resolve(file));
            assertTrue(!text.contains("{{") && !text.contains("TODO") && !text.contains("FIXME"), file);
        }

        // and the name is now taken
        SortedMap<String, String> created = RepositoryCopy.snapshot(copy);
        PetdbRun.Result again = PetdbRun.withEnvironment(Map.of()).run("app", "new", "notes", "--dir", copy.toString());
        assertEquals(ExitCodes.USAGE, again.exit());
        assertEquals("petdb: app name 'notes' is taken: apps/notes exists already; nothing was written\n", again.err());
        RepositoryCopy.assertUnchanged(created, RepositoryCopy.snapshot(copy));
    }

    @Test
    void helpNamesTheRules() {
        PetdbRun.Result help = PetdbRun.withEnvironment(Map.of()).run("app", "new", "--help");
        assertEquals(ExitCodes.OK, help.exit());
        String text = help.out().lines().map(String::strip).collect(Collectors.joining(" "));
        assertTrue(text.contains("1 to 30 lower-case letters and digits"), text);
        assertTrue(text.contains("--dir=PATH"), text);
    }

    private void assertRefused(PetdbRun.Result result, String message) {
        assertEquals(ExitCodes.USAGE, result.exit(), result.err());
        assertEquals("petdb: " + message + "\n", result.err());
        assertEquals("", result.out());
        RepositoryCopy.assertUnchanged(refusalsBefore, RepositoryCopy.snapshot(refusals));
    }
}
