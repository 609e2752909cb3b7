package dev.petdb.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs petdb as an operator's shell would, in a JVM of its own (this JVM's java and the test classpath), so that a
 * test can signal or kill it; what it prints goes to a file.
 */
final class PetdbProcess {
    private PetdbProcess() {
    }

    /**
     * @param env  the whole environment of the process
     * @param log  where its standard output and error go
     * @param args petdb's arguments
     * @return the running process
     */
    static Process start(Map<String, String> env, Path log, String... args) throws IOException {
        // surefire runs tests from a manifest-only jar and sets this property to the real classpath
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", classpath, Petdb.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
    }
}
