package dev.petdb.backup.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import javax.imageio.ImageIO;

import dev.petdb.testkit.HeadlessChromium;
import dev.petdb.testkit.TestTier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page of three weeks of backups, opened by Debian's Chromium headless from a file, with no network: the
 * screenshot shows the verdict's colour at the top and the suspicious and broken nights' bars in the charts, and the
 * DOM Chromium parsed holds the verdict, the marked nights and one row per backup, with no script in it.
 */
class StatusPageBrowserTest {
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 1600;
    private static HeadlessChromium chromium;

    @TempDir
    Path dir;

    @BeforeAll
    static void findChromium() {
        TestTier.requireFullSuite("Chromium");
        chromium = HeadlessChromium.find();
        Assumptions.assumeTrue(chromium != null,
                "assumes Debian's chromium on PATH (apt-get install chromium; .ci/run installs it): none found");
    }

    @Test
    void theScreenshotShowsTheVerdictAndTheMarkedNights() throws IOException, InterruptedException {
        Path page = write(StatusPage.render(ReportHistory.threeWeeks()));
        Path png = dir.resolve("page.png");
        chromium.screenshot(page, png, WIDTH, HEIGHT);

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(WIDTH, image.getWidth());
        assertEquals(HEIGHT, image.getHeight());
        int banner = count(image, Tone.GOOD.colour(), 0, 200);
        assertTrue(banner > 40_000, "the green verdict fills the top: " + banner + " pixels");
        assertTrue(longestColumn(image, Tone.WARNING.colour(), 200, HEIGHT) > 150, "a suspicious night's bar in a chart");
        assertTrue(longestColumn(image, Tone.BAD.colour(), 200, HEIGHT) > 150, "a broken night's bar in a chart");
        assertTrue(colours(image, 200, HEIGHT) > 20, "charts and table, not a blank page");
    }

    @Test
    void theParsedPageHoldsTheVerdictTheMarkedNightsAndTheTable() throws IOException, InterruptedException {
        String dom = chromium.dumpDom(write(StatusPage.render(ReportHistory.threeWeeks())));

        assertTrue(dom.contains("<section id=\"verdict\" class=\"verdict good\">\n<h1>Last night's backup is good: 3 schemas, "
                + "195,000 rows, checked 06:10 UTC</h1>"), dom);
        assertTrue(dom.contains("<g class=\"marker suspicious\" data-key=\"" + ReportHistory.key(ReportHistory.SUSPICIOUS)
                + "\"><title>2026-11-23 03:00 suspicious</title>"), dom);
        assertTrue(dom.contains("<g class=\"marker broken\" data-key=\"" + ReportHistory.key(ReportHistory.BROKEN) + "\">"), dom);
        assertEquals(ReportHistory.NIGHTS, count(dom, "<tr class=\""));
        assertEquals(1, count(dom, "data-status=\"BROKEN\""));
        assertEquals(ReportHistory.NIGHTS - 2, count(dom, "data-status=\"OK\""));
        assertTrue(dom.contains("<td>gzip stream ends early") || dom.contains("<div>gzip stream ends early in backup/export &lt;at 1.2 MB&gt;</div>"), dom);
        assertFalse(dom.contains("<script"), "a schema named <script> stays text");
        assertTrue(dom.contains("&lt;script&gt;alert('x')&lt;/script&gt; 5,000"), dom);
    }

    private Path write(String html) throws IOException {
        return Files.writeString(dir.resolve("report.html"), html, StandardCharsets.UTF_8);
    }

    private static int rgb(String colour) {
        return Integer.parseInt(colour.substring(1), 16);
    }

    private static int count(BufferedImage image, String colour, int fromY, int toY) {
        int n = 0;
        for (int y = fromY; y < toY; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += (image.getRGB(x, y) & 0xffffff) == rgb(colour) ? 1 : 0;
            }
        }
        return n;
    }

    /** @return the longest vertical run of {@code colour} in any column between the two heights */
    private static int longestColumn(BufferedImage image, String colour, int fromY, int toY) {
        int longest = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            int run = 0;
            for (int y = fromY; y < toY; y++) {
                run = (image.getRGB(x, y) & 0xffffff) == rgb(colour) ? run + 1 : 0;
                longest = Math.max(longest, run);
            }
        }
        return longest;
    }

    private static int colours(BufferedImage image, int fromY, int toY) {
        Set<Integer> seen = new HashSet<>();
        for (int y = fromY; y < toY; y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                seen.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return seen.size();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
