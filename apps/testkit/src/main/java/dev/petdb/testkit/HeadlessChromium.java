package dev.petdb.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium run headless on a local file, with no network: no proxy, every host name unresolvable, and the
 * background services (updates, sync, metrics) off. Each run gets a fresh profile, a time limit, and its whole
 * process tree killed when it overruns or the test is interrupted. Tests that use it ask for
 * {@link TestTier#requireFullSuite} first and skip, saying so, when {@link #find()} finds none.
 */
public final class HeadlessChromium {
    private static final long TIMEOUT_SECONDS = 90;
    private static final List<String> NAMES = List.of("chromium", "chromium-browser");

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /** @return the Chromium on PATH, or {@code null} when there is none */
    public static HeadlessChromium find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : NAMES) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(candidate)) {
                    return new HeadlessChromium(candidate);
                }
            }
        }
        return null;
    }

    /** Takes a screenshot of {@code page} at {@code width x height} into {@code png}. */
    public void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        run(page, "--screenshot=" + png, "--window-size=" + width + "," + height, "--hide-scrollbars");
        if (!Files.isRegularFile(png)) {
            throw new IOException("chromium wrote no screenshot " + png);
        }
    }

    /** @return the page's DOM as Chromium parsed it, serialised */
    public String dumpDom(Path page) throws IOException, InterruptedException {
        return run(page, "--dump-dom");
    }

    private String run(Path page, String... what) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("chromium");
        try {
            List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-proxy-server", "--host-resolver-rules=MAP * ~NOTFOUND", "--no-first-run",
                    "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-domain-reliability",
                    "--disable-breakpad", "--user-data-dir=" + work.resolve("profile")));
            command.addAll(List.of(what));
            command.add(page.toUri().toString());
            Path out = work.resolve("out");
            Path err = work.resolve("err");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            boolean finished = false;
            try {
                finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } finally {
                if (!finished) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            if (!finished) {
                throw new IOException("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + tail(err));
            }
            if (process.exitValue() != 0) {
                throw new IOException("chromium exited " + process.exitValue() + ": " + tail(err));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            TestFiles.deleteRecursively(work);
        }
    }

    private static String tail(Path err) throws IOException {
        String text = Files.readString(err, StandardCharsets.UTF_8);
        return text.substring(Math.max(0, text.length() - 2000));
    }
}
