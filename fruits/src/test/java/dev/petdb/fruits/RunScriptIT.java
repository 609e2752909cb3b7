package dev.petdb.fruits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.petdb.testkit.DokkuProcesses;
import dev.petdb.testkit.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command, {@code ./run}, in a copy of the sources fruits is built from plus its built jar, as a
 * successful {@code ./run} build leaves them: unchanged sources start the jar without Maven; an edited or removed
 * source, or another JDK, asks for a build. The copy has no {@code mvnw}, so a build stops at once with the script's
 * one-line failure, after the line that says why it builds. Runs after {@code package}, on the real jar.
 */
class RunScriptIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String KIT_SOURCE = "apps/kit/src/main/java/dev/petdb/kit/RunningApp.java";

    @TempDir
    Path tree;

    @Test
    void startsTheBuiltJarWithoutMavenUntilASourceItIsBuiltFromChanges() throws Exception {
        for (String path : List.of("run", "Procfile", "pom.xml", ".mvn", "apps/parent/pom.xml", "apps/kit/pom.xml",
                "apps/kit/src", "database-url/pom.xml", "database-url/src", "fruits/pom.xml", "fruits/src",
                "fruits/target/fruits.jar", "fruits/target/fruits.jsa", "platform-cli/pom.xml")) {
            copy(ROOT.resolve(path), tree.resolve(path));
        }
        Files.createSymbolicLink(tree.resolve("fruits/target/libs"), ROOT.resolve("fruits/target/libs"));
        writeStamp(javaHomeAndVersion());

        // after the build: a new target/ folder, files in target/ and outside the modules fruits is built from
        Files.createDirectories(tree.resolve("apps/kit/target"));
        Files.writeString(tree.resolve("fruits/target/other.txt"), "x");
        Files.writeString(tree.resolve("platform-cli/pom.xml"), "<project/>");
        int port = DokkuProcesses.freePort();
        Path log = tree.resolve("run.log");
        Process run = run(port, log);
        try {
            TestHttp http = new TestHttp(port);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!http.awaitOk("/?filter=an", Duration.ofMillis(500))) {
                assertTrue(run.isAlive() && System.nanoTime() < deadline,
                        () -> "./run never answered:\n" + DokkuProcesses.read(log));
            }
        } finally {
            run.destroy(); // SIGTERM: the script has become the JVM
            assertTrue(run.waitFor(30, TimeUnit.SECONDS));
        }
        String output = DokkuProcesses.read(log);
        assertFalse(output.contains("building"), output);
        assertTrue(output.contains("run: starting fruits on an embedded PostgreSQL in "), output);
        assertTrue(output.contains("fruits stopped"), output);

        Path source = tree.resolve(KIT_SOURCE);
        Files.writeString(source, Files.readString(source) + "// edited\n");
        assertBuilds(KIT_SOURCE + " changed since the last build");

        writeStamp(javaHomeAndVersion());
        Files.delete(tree.resolve("fruits/src/test/java/dev/petdb/fruits/RunScriptIT.java"));
        assertBuilds("fruits/src/test/java/dev/petdb/fruits changed since the last build");

        writeStamp("/another/jdk 21.0.1");
        assertBuilds("the JDK changed since the last build (now " + javaHomeAndVersion() + ")");
    }

    /** Runs ./run, which must say why it builds, then fail for want of mvnw, starting nothing. */
    private void assertBuilds(String why) throws Exception {
        Path log = Files.createTempFile(tree, "build", ".log");
        Process run = run(DokkuProcesses.freePort(), log);
        assertTrue(run.waitFor(30, TimeUnit.SECONDS));
        String output = DokkuProcesses.read(log);
        assertEquals(1, run.exitValue(), output);
        // the script's own lines, not the shell's "run: 80: ./mvnw: not found"
        List<String> said = output.lines().filter(line -> line.startsWith("run: "))
                .filter(line -> !line.matches("run: (line )?\\d+: .*")).toList();
        assertEquals(List.of("run: " + why + ": building fruits with Maven",
                "run: the build failed (above): nothing started"), said, output);
    }

    private Process run(int port, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("sh", "run").directory(tree.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("DATABASE_URL");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("PETDB_DATA_DIR", tree.resolve("data").toString());
        return builder.start();
    }

    /**
     * The stamp as a build by ./run leaves it (the script's header says its form): line 1 the JDK, line 2 the jar's
     * time in nanoseconds, and the time of the build's start, here now, after every copied file.
     */
    private void writeStamp(String jdk) throws IOException, InterruptedException {
        Path jar = tree.resolve("fruits/target/fruits.jar");
        FileTime jarTime = Files.getLastModifiedTime(jar);
        long nanos = TimeUnit.SECONDS.toNanos(jarTime.to(TimeUnit.SECONDS)) + jarTime.toInstant().getNano();
        Path stamp = tree.resolve("fruits/target/run.stamp");
        Files.writeString(stamp, jdk + "\n" + nanos + "\n");
        // what changed after the build must be newer than the stamp, even within the file system's time resolution
        Thread.sleep(10);
    }

    private static String javaHomeAndVersion() throws IOException {
        Path javaHome = Path.of(System.getProperty("java.home"));
        String version = Files.readAllLines(javaHome.resolve("release")).stream()
                .filter(line -> line.startsWith("JAVA_VERSION=")).findFirst().orElseThrow()
                .replaceAll("^JAVA_VERSION=\"(.*)\"$", "$1");
        return javaHome + " " + version;
    }

    /** Copies a file or a folder tree, keeping files' times (the jar's is checked, and the class-data archive's). */
    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
