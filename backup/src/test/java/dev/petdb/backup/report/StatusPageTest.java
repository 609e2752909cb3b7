package dev.petdb.backup.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The page's text: the verdict in words for each state of the newest backup, the marked nights, the table, and
 * every name from data escaped.
 */
class StatusPageTest {
    private static final Pattern HEADLINE = Pattern.compile("<section id=\"verdict\" class=\"verdict (\\w+)\">\n<h1>([^<]*)</h1>");

    @Test
    void aGoodNightSaysSoWithItsRowsAndWhenItWasChecked() {
        String page = StatusPage.render(ReportHistory.threeWeeks());
        assertHeadline(page, "good", "Last night&#39;s backup is good: 3 schemas, 195,000 rows, checked 06:10 UTC");
        assertTrue(page.contains("<p>Newest backup " + ReportHistory.key(20) + ", taken 2026-12-01 03:00 UTC, 15.3 MB.</p>"), page);
        assertTrue(page.contains("text-anchor=\"end\">15.0 MB</text>") && page.contains("text-anchor=\"end\">20.0 MB</text>"),
                "the size axis is round in its unit: " + page);
        assertTrue(page.contains("text-anchor=\"end\">200,000</text>"), "and the rows axis: " + page);
        // marked in both charts, size and rows
        assertEquals(2, count(page, "<g class=\"marker suspicious\" data-key=\"" + ReportHistory.key(12) + "\">"));
        assertEquals(2, count(page, "<g class=\"marker broken\" data-key=\"" + ReportHistory.key(16) + "\">"));
        assertEquals(4, count(page, "<g class=\"marker "));
        assertEquals(21, count(page, "<tr class=\""));
        assertTrue(page.contains("<td class=\"status\">suspicious</td><td class=\"n\">137,000<div class=\"schemas\">"
                + "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; 5,000<br>movies 132,000<br>todos 0<br></div></td>"
                + "<td><div>table todos.items: 45,500 rows -&gt; 0 (-100 %)</div></td>"), page);
    }

    @Test
    void everyNameFromDataIsEscaped() {
        String page = StatusPage.render(ReportHistory.threeWeeks());
        assertEquals(0, count(page, "<script"), "no script element, whatever a schema is called");
        assertTrue(page.contains("data-name=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\""), "in an attribute");
        assertTrue(page.contains("<li><span class=\"swatch\" style=\"background:#0a7e8c\"></span>todos</li>"), "in the legend");
        assertTrue(page.contains("&lt;at 1.2 MB&gt;"), "in a finding");
        assertFalse(page.contains("http://") && !page.contains("xmlns=\"http://www.w3.org/2000/svg\""));
        assertEquals(0, count(page, "src="), "nothing is loaded");
    }

    @Test
    void theHeadlineSaysWhatIsWrongWithTheNewestBackup() {
        Report history = ReportHistory.threeWeeks();
        assertHeadline(StatusPage.render(withNewest(history, NightStatus.SUSPICIOUS, "table todos.items: 900 rows -> 3")),
                "warning", "Last night&#39;s backup is suspicious: data vanished, checked 06:10 UTC");
        String broken = StatusPage.render(withNewest(history, NightStatus.BROKEN, "backup/export is cut short"));
        assertHeadline(broken, "bad", "Last night&#39;s backup is broken, checked 06:10 UTC");
        assertTrue(broken.contains("</h1>\n<p>backup/export is cut short</p>\n<p>Newest backup "), broken);
        assertHeadline(StatusPage.render(withNewest(history, NightStatus.NOT_VERIFIED, null)),
                "unknown", "Last night&#39;s backup has not been verified");
    }

    @Test
    void anOldNewestBackupOrNoneAtAllIsBad() {
        Report history = ReportHistory.threeWeeks();
        Report later = new Report(history.generatedAt().plus(Duration.ofDays(3)), history.bucket(), history.nights(), history.lastVerify());
        String stale = StatusPage.render(later);
        assertHeadline(stale, "bad", "No backup since 2026-12-01 03:00 UTC: the newest is 3 days old");
        assertTrue(stale.contains("<p>Its verify status: ok.</p>"), stale);

        String none = StatusPage.render(new Report(Instant.parse("2026-12-02T06:00:00Z"), "petdb-backups/", List.of(), null));
        assertHeadline(none, "bad", "No backups found in petdb-backups/");
        assertEquals(0, count(none, "<svg"));
    }

    @Test
    void nightsWithoutRowCountsGetANoteInsteadOfAnEmptyChart() {
        Instant time = Instant.parse("2026-12-01T03:00:00Z");
        Report report = new Report(time.plus(Duration.ofHours(3)), "petdb-backups/",
                List.of(new ReportNight(time, "postgres-petdb-2026-12-01-03-00-00.tgz", 2048, NightStatus.NOT_VERIFIED, Map.of(), List.of())),
                null);
        String page = StatusPage.render(report);
        assertEquals(1, count(page, "<svg"), "the size chart only");
        assertEquals(0, count(page, "Marked nights"), "no legend for bars that are not there");
        assertTrue(page.contains("<p class=\"note\">No row counts yet: they come from verify, night by night.</p>"), page);
        assertTrue(page.contains("<td class=\"n\">2.0 kB</td><td class=\"status\">not verified</td><td class=\"n\"></td>"), page);
    }

    private static Report withNewest(Report report, NightStatus status, String finding) {
        List<ReportNight> nights = new ArrayList<>(report.nights());
        ReportNight last = nights.removeLast();
        nights.add(new ReportNight(last.time(), last.key(), last.sizeBytes(), status, last.rowsPerSchema(),
                finding == null ? List.of() : List.of(finding)));
        return new Report(report.generatedAt(), report.bucket(), nights, report.lastVerify());
    }

    private static void assertHeadline(String page, String tone, String headline) {
        Matcher m = HEADLINE.matcher(page);
        assertTrue(m.find(), page);
        assertEquals(tone, m.group(1));
        assertEquals(headline, m.group(2));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
