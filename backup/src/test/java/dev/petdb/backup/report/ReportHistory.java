package dev.petdb.backup.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Three weeks of nightly backups for the page's tests: three schemas (one named like an HTML tag), growing a little
 * each night; on night 12 the todos table was emptied (SUSPICIOUS), night 16 is BROKEN, the last night is OK and
 * was verified at 06:10.
 */
final class ReportHistory {
    static final Instant FIRST = Instant.parse("2026-11-11T03:00:00Z");
    static final int NIGHTS = 21;
    static final int SUSPICIOUS = 12;
    static final int BROKEN = 16;
    static final String ODD_SCHEMA = "<script>alert('x')</script>";

    private ReportHistory() {
    }

    static String key(int night) {
        return "2026-11-10/postgres-petdb-" + FIRST.plus(Duration.ofDays(night)).toString().substring(0, 10) + "-03-00-00.tgz.gpg";
    }

    static Report threeWeeks() {
        List<ReportNight> nights = new ArrayList<>();
        for (int night = 0; night < NIGHTS; night++) {
            Map<String, Long> rows = new LinkedHashMap<>();
            rows.put("todos", night == SUSPICIOUS ? 0L : 40_000L + 500L * night);
            rows.put("movies", 120_000L + 1_000L * night);
            rows.put(ODD_SCHEMA, 5_000L);
            NightStatus status = NightStatus.OK;
            List<String> findings = List.of();
            if (night == SUSPICIOUS) {
                status = NightStatus.SUSPICIOUS;
                findings = List.of("table todos.items: 45,500 rows -> 0 (-100 %)");
            } else if (night == BROKEN) {
                status = NightStatus.BROKEN;
                rows = Map.of();
                findings = List.of("gzip stream ends early in backup/export <at 1.2 MB>");
            }
            nights.add(new ReportNight(FIRST.plus(Duration.ofDays(night)), key(night),
                    (night == SUSPICIOUS ? 9_000_000L : 14_000_000L) + 100_000L * night, status, rows, findings));
        }
        Instant last = nights.getLast().time();
        return new Report(last.plus(Duration.ofHours(3).plusMinutes(15)), "petdb-backups/", nights,
                new Report.LastVerify(last.plus(Duration.ofHours(3).plusMinutes(10)), key(NIGHTS - 1)));
    }
}
