package dev.petdb.backup.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.petdb.backup.BackupException;
import dev.petdb.backup.dump.DumpContents;
import dev.petdb.backup.dump.DumpReader;
import dev.petdb.backup.dump.TocEntry;
import dev.petdb.testkit.DokkuBackups;
import dev.petdb.testkit.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which entries of a real pg_dump's table of contents make up a table: told apart by dependencies, not by names, so
 * that table {@code a} with constraint {@code "b c"} and table {@code "a b"} with constraint {@code c} (both tagged
 * {@code a b c}) each get their own.
 */
class TocSelectionTest {
    private final TestPostgres server = TestPostgres.shared();
    private final String database = server.createDatabase();
    private DumpContents dump;
    private String verbose;

    @BeforeEach
    void aDump() throws Exception {
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE public.a (id serial PRIMARY KEY, v int, CONSTRAINT "b c" UNIQUE (v));
                    CREATE TABLE public."a b" (id int GENERATED ALWAYS AS IDENTITY, CONSTRAINT c UNIQUE (id));
                    CREATE INDEX a_b_id ON public."a b" (id);
                    COMMENT ON COLUMN public.a.id IS 'the id';
                    CREATE TABLE public.other (id int REFERENCES public.a (id), a_b int REFERENCES public."a b" (id));
                    CREATE FUNCTION public.f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
                    CREATE TRIGGER t BEFORE INSERT ON public."a b" FOR EACH ROW EXECUTE FUNCTION public.f();
                    """);
        }
        byte[] bytes = DokkuBackups.pgDump(server, database);
        dump = DumpReader.read(new ByteArrayInputStream(bytes));
        Process list = new ProcessBuilder("pg_restore", "--list", "--verbose").start();
        try (OutputStream in = list.getOutputStream()) {
            in.write(bytes);
        }
        verbose = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        list.waitFor(1, TimeUnit.MINUTES);
        assertEquals(0, list.exitValue());
    }

    private List<String> chosen(TocSelection selection) {
        Map<Integer, TocEntry> byId = new HashMap<>();
        dump.entries().forEach(e -> byId.put(e.dumpId(), e));
        return selection.listing().lines().map(line -> byId.get(Integer.valueOf(line.substring(0, line.indexOf(';')))))
                .map(e -> e.desc() + " " + e.tag()).toList();
    }

    @Test
    void aTableWithItsSerialSequenceConstraintsAndComments() {
        TocSelection selection = TocSelection.of(dump, verbose, List.of(new TableName("public", "a")), false);
        assertEquals(List.of("COMMENT COLUMN a.id", "CONSTRAINT a a_pkey", "CONSTRAINT a b c", "DEFAULT a id",
                "SEQUENCE OWNED BY a_id_seq", "SEQUENCE SET a_id_seq", "SEQUENCE a_id_seq", "TABLE DATA a", "TABLE a"),
                chosen(selection).stream().sorted().toList());
        assertEquals(List.of("public.other other_id_fkey"), selection.incoming());
    }

    @Test
    void anotherTableWhoseEntriesShareItsNames() {
        TocSelection selection = TocSelection.of(dump, verbose, List.of(new TableName("public", "a b")), false);
        assertEquals(List.of("CONSTRAINT a b c", "INDEX a_b_id", "SEQUENCE SET a b_id_seq", "SEQUENCE a b_id_seq",
                "TABLE DATA a b", "TABLE a b", "TRIGGER a b t"), chosen(selection).stream().sorted().toList());
        assertEquals(List.of("public.other other_a_b_fkey"), selection.incoming());
    }

    @Test
    void sideBySideLeavesOutWhatActsOnLiveObjects() {
        TocSelection selection = TocSelection.of(dump, verbose, List.of(new TableName("public", "a b"),
                new TableName("public", "other")), true);
        assertEquals(List.of("trigger a b t", "foreign key other other_id_fkey (to a table not restored)"), selection.leftOut());
        assertEquals(true, chosen(selection).contains("FK CONSTRAINT other other_a_b_fkey"), "a key between restored tables");
    }

    @Test
    void aTableTheBackupDoesNotHaveIsRefused() {
        BackupException refused = assertThrows(BackupException.class,
                () -> TocSelection.of(dump, verbose, List.of(new TableName("public", "A")), false));
        assertEquals("the backup has no table public.A", refused.getMessage());
    }
}
