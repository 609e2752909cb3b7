package dev.petdb.backup.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.petdb.backup.Sizes;

/**
 * The status page of the backups: one self-contained HTML page, readable with no network and no script. At the top
 * the verdict on the newest backup (big, coloured); then backup size and rows per schema over time, with suspicious
 * and broken nights marked; then the table of backups, newest first. Every text that comes from data is escaped.
 */
public final class StatusPage {
    private static final String SIZE_COLOUR = "#1f6feb";
    private static final List<String> SCHEMA_COLOURS = List.of("#1f6feb", "#8250df", "#0a7e8c", "#bf3989", "#6e5a3a", "#1b1f24");

    private StatusPage() {
    }

    /**
     * @param report what to show
     * @return the page, as UTF-8 text
     */
    public static String render(Report report) {
        Verdict verdict = Verdict.of(report);
        StringBuilder page = new StringBuilder(16_384);
        page.append("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>""").append(Html.escape(verdict.headline())).append(" · petdb backups</title>\n<style>")
                .append(css()).append("</style>\n</head>\n<body>\n");
        page.append("<section id=\"verdict\" class=\"verdict ").append(verdict.tone().cssClass()).append("\">\n<h1>")
                .append(Html.escape(verdict.headline())).append("</h1>\n");
        for (String detail : verdict.details()) {
            page.append("<p>").append(Html.escape(detail)).append("</p>\n");
        }
        page.append("</section>\n<p class=\"meta\">Backups in ").append(Html.escape(report.bucket())).append(", page made ")
                .append(Amounts.minute(report.generatedAt())).append(" UTC. All times UTC.</p>\n");
        if (!report.nights().isEmpty()) {
            sizeChart(page, report.nights());
            rowsChart(page, report.nights());
            table(page, report.nights());
        }
        return page.append("</body>\n</html>\n").toString();
    }

    private static void sizeChart(StringBuilder page, List<ReportNight> nights) {
        int unit = Sizes.unitFor(nights.stream().mapToLong(ReportNight::sizeBytes).max().orElse(0));
        LineChart chart = new LineChart("Backup size per night", nights, 1L << (10 * unit), v -> Sizes.inUnit(v, unit));
        page.append("<section id=\"size\">\n<h2>Backup size</h2>\n").append(markerLegend(nights))
                .append(chart.render(List.of(new LineChart.Series("backup size", SIZE_COLOUR,
                        nights.stream().map(ReportNight::sizeBytes).toList()))))
                .append("</section>\n");
    }

    private static void rowsChart(StringBuilder page, List<ReportNight> nights) {
        page.append("<section id=\"rows\">\n<h2>Rows per schema</h2>\n");
        TreeSet<String> schemas = new TreeSet<>();
        nights.forEach(n -> schemas.addAll(n.rowsPerSchema().keySet()));
        if (schemas.isEmpty()) {
            page.append("<p class=\"note\">No row counts yet: they come from verify, night by night.</p>\n</section>\n");
            return;
        }
        List<LineChart.Series> series = new ArrayList<>();
        for (String schema : schemas) {
            List<Long> values = new ArrayList<>();
            for (ReportNight night : nights) {
                // a night verify counted has 0 rows in a schema it lacks; an uncounted night has no value at all
                values.add(night.rowsPerSchema().isEmpty() ? null : night.rowsPerSchema().getOrDefault(schema, 0L));
            }
            series.add(new LineChart.Series(schema, SCHEMA_COLOURS.get(series.size() % SCHEMA_COLOURS.size()), values));
        }
        page.append(markerLegend(nights)).append("<ul class=\"legend\">");
        for (LineChart.Series s : series) {
            page.append("<li><span class=\"swatch\" style=\"background:").append(s.colour()).append("\"></span>")
                    .append(Html.escape(s.name())).append("</li>");
        }
        page.append("</ul>\n").append(new LineChart("Rows per schema per night", nights, 1, Amounts::count).render(series))
                .append("</section>\n");
    }

    /** @return what the bars mean, when there are any */
    private static String markerLegend(List<ReportNight> nights) {
        if (nights.stream().noneMatch(n -> n.status() == NightStatus.SUSPICIOUS || n.status() == NightStatus.BROKEN)) {
            return "";
        }
        return "<p class=\"note\">Marked nights: <span class=\"mark warning\">suspicious</span> "
                + "<span class=\"mark bad\">broken</span></p>\n";
    }

    private static void table(StringBuilder page, List<ReportNight> nights) {
        page.append("<section id=\"backups\">\n<h2>Backups</h2>\n<table>\n<thead><tr><th>Taken</th><th>Backup</th>"
                + "<th class=\"n\">Size</th><th>Status</th><th class=\"n\">Rows</th><th>Findings</th></tr></thead>\n<tbody>\n");
        for (ReportNight night : nights.reversed()) {
            Tone tone = Tone.of(night.status());
            page.append("<tr class=\"").append(tone.cssClass()).append("\" data-status=\"").append(night.status().name())
                    .append("\"><td>").append(Amounts.minute(night.time())).append("</td><td class=\"key\">")
                    .append(Html.escape(night.key())).append("</td><td class=\"n\">").append(Sizes.human(night.sizeBytes()))
                    .append("</td><td class=\"status\">").append(night.status().words()).append("</td><td class=\"n\">");
            if (!night.rowsPerSchema().isEmpty()) {
                page.append(Amounts.count(night.rows())).append("<div class=\"schemas\">");
                for (Map.Entry<String, Long> schema : new TreeMap<>(night.rowsPerSchema()).entrySet()) {
                    page.append(Html.escape(schema.getKey())).append(' ').append(Amounts.count(schema.getValue())).append("<br>");
                }
                page.append("</div>");
            }
            page.append("</td><td>");
            for (String finding : night.findings()) {
                page.append("<div>").append(Html.escape(finding)).append("</div>");
            }
            page.append("</td></tr>\n");
        }
        page.append("</tbody>\n</table>\n</section>\n");
    }

    private static String css() {
        StringBuilder css = new StringBuilder("""
                body{font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1f2328;\
                background:#fff;margin:0 auto;padding:16px;max-width:1100px}
                .verdict{color:#fff;padding:18px 24px;border-radius:8px}
                .verdict h1{font-size:30px;line-height:1.2;margin:0 0 6px}
                .verdict p{margin:2px 0;font-size:16px}
                .meta,.note{color:#57606a;font-size:13px}
                h2{font-size:19px;margin:24px 0 4px}
                .chart{display:block;max-width:100%}
                .chart .grid{stroke:#d0d7de;stroke-width:1}
                .chart .axis{fill:#57606a;font-size:13px}
                .legend{list-style:none;padding:0;margin:4px 0;display:flex;flex-wrap:wrap;gap:4px 16px;font-size:13px}
                .swatch{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:5px;vertical-align:-1px}
                .mark{padding:0 6px;border-radius:3px;color:#fff}
                table{border-collapse:collapse;width:100%;font-size:13px}
                th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #d0d7de;vertical-align:top}
                .n{text-align:right;white-space:nowrap}
                .key{word-break:break-all}
                .schemas{color:#57606a;font-size:12px}
                tr.warning{background:#fff4e0}
                tr.bad{background:#fdecea}
                .status{font-weight:600}
                """);
        for (Tone tone : Tone.values()) {
            css.append(".verdict.").append(tone.cssClass()).append(",.mark.").append(tone.cssClass())
                    .append("{background:").append(tone.colour()).append("}\n")
                    .append("tr.").append(tone.cssClass()).append(" .status{color:").append(tone.colour()).append("}\n");
        }
        return css.toString();
    }
}
