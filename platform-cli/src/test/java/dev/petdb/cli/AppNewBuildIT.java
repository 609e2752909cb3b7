package dev.petdb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What {@code petdb app new} writes builds, and its test passes, as it is (its OpenAPI document agreeing with its
 * routes included): in a copy of this repository, a nested Maven build of the new module and the modules it needs,
 * offline, on the artifacts of this build.
 */
class AppNewBuildIT {
    private static final long BUILD_MINUTES = 15;

    @Test
    void theNewModuleBuildsAndItsTestPassesUnchanged() throws Exception {
        Path copy = RepositoryCopy.create();
        PetdbRun.Result created = PetdbRun.withEnvironment(Map.of()).run("app", "new", "notes", "--dir", copy.toString());
        assertEquals(ExitCodes.OK, created.exit(), created.err());

        Path log = Files.createTempFile("petdb-app-new-build", ".log");
        ProcessBuilder build = new ProcessBuilder(copy.resolve("mvnw").toString(), "-B", "-o", "-q",
                "-pl", "apps/notes", "-am", "verify",
                "-Dtest=NotesAppTest", "-Dsurefire.failIfNoSpecifiedTests=false",
                "-Dmaven.repo.local=" + requiredProperty("petdb.maven.repo.local"))
                .directory(copy.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        build.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = build.start();
        try {
            assertTrue(process.waitFor(BUILD_MINUTES, TimeUnit.MINUTES),
                    () -> "the nested build took over " + BUILD_MINUTES + " minutes:\n" + tail(log));
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        assertEquals(0, process.exitValue(), () -> "the nested build failed in " + copy + ":\n" + tail(log));

        Path report = copy.resolve("apps/notes/target/surefire-reports/TEST-dev.petdb.notes.NotesAppTest.xml");
        assertTrue(Files.isRegularFile(report), () -> "no test report " + report + ":\n" + tail(log));
        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile()).getDocumentElement();
        assertTrue(Integer.parseInt(suite.getAttribute("tests")) >= 4, () -> "tests run: " + suite.getAttribute("tests"));
        // the scaffolded OpenAPI document agrees with the scaffolded routes, checked by the shared test
        NodeList cases = suite.getElementsByTagName("testcase");
        assertTrue(IntStream.range(0, cases.getLength()).mapToObj(i -> ((Element) cases.item(i)).getAttribute("name"))
                .anyMatch(name -> name.startsWith("theOpenApiDocumentAgreesWithTheApp")), () -> "no OpenAPI test in " + report);
        for (String none : List.of("failures", "errors", "skipped")) {
            assertEquals("0", suite.getAttribute(none), () -> none + " in " + report + ":\n" + tail(log));
        }

        Files.delete(log);
        RepositoryCopy.delete(copy);
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run this test with Maven (failsafe)");
        }
        return value;
    }

    /** @return the last lines of the build's output */
    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
