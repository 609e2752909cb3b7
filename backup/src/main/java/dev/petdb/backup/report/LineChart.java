package dev.petdb.backup.report;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * A small SVG line chart over the nights: one line per series, a value axis from zero with five grid lines, dates
 * along the bottom, and each suspicious or broken night marked by a vertical bar in its tone's colour (with a
 * tooltip), drawn under the lines. Plain SVG in the page: no script, no library.
 */
final class LineChart {
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 280;
    private static final int LEFT = 90;
    private static final int RIGHT = 20;
    private static final int TOP = 16;
    private static final int BOTTOM = 36;
    private static final int DATE_LABELS = 7;

    /**
     * One line.
     *
     * @param name   what it shows (user data: escaped when drawn)
     * @param colour its colour
     * @param values one per night, in the nights' order; {@code null} where unknown (the line breaks there)
     */
    record Series(String name, String colour, List<Long> values) {
    }

    private final String title;
    private final List<ReportNight> nights;
    private final long axisUnit;
    private final LongFunction<String> axisLabel;

    /**
     * @param title     the chart's accessible title
     * @param nights    the nights, oldest first
     * @param axisUnit  the unit the axis is labelled in (1 for counts, 1024 for kB, ...): its top is round in that unit
     * @param axisLabel how a value on the value axis is written
     */
    LineChart(String title, List<ReportNight> nights, long axisUnit, LongFunction<String> axisLabel) {
        this.title = title;
        this.nights = nights;
        this.axisUnit = axisUnit;
        this.axisLabel = axisLabel;
    }

    /** @return the {@code <svg>} element */
    String render(List<Series> series) {
        long max = series.stream().flatMap(s -> s.values().stream()).filter(v -> v != null).mapToLong(Long::longValue).max().orElse(0);
        long top = niceCeiling((max + axisUnit - 1) / axisUnit) * axisUnit;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\"><title>").append(Html.escape(title)).append("</title>\n");
        for (int i = 0; i <= 4; i++) {
            long value = Math.round(top * i / 4.0);
            double y = y(value, top);
            svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
                            + "<text class=\"axis\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT, WIDTH - RIGHT, y, y, LEFT - 8, y + 4, Html.escape(axisLabel.apply(value))));
        }
        int step = Math.max(1, (int) Math.ceil(nights.size() / (double) DATE_LABELS));
        for (int i = 0; i < nights.size(); i += step) {
            svg.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x(i), HEIGHT - 12, Amounts.day(nights.get(i).time())));
        }
        for (int i = 0; i < nights.size(); i++) {
            ReportNight night = nights.get(i);
            if (night.status() == NightStatus.SUSPICIOUS || night.status() == NightStatus.BROKEN) {
                Tone tone = Tone.of(night.status());
                svg.append(String.format(Locale.ROOT, "<g class=\"marker %s\" data-key=\"%s\"><title>%s %s</title>"
                                + "<rect x=\"%.1f\" y=\"%d\" width=\"6\" height=\"%d\" fill=\"%s\"/></g>%n",
                        night.status().name().toLowerCase(Locale.ROOT), Html.escape(night.key()),
                        Html.escape(Amounts.minute(night.time())), night.status().words(),
                        x(i) - 3, TOP, HEIGHT - TOP - BOTTOM, tone.colour()));
            }
        }
        for (Series s : series) {
            svg.append("<g class=\"series\" data-name=\"").append(Html.escape(s.name())).append("\"><title>")
                    .append(Html.escape(s.name())).append("</title>");
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < nights.size(); i++) {
                Long value = s.values().get(i);
                if (value == null) {
                    polyline(svg, points, s.colour());
                    continue;
                }
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(i), y(value, top)));
            }
            polyline(svg, points, s.colour());
            for (int i = 0; i < nights.size(); i++) {
                Long value = s.values().get(i);
                if (value != null) {
                    svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>",
                            x(i), y(value, top), s.colour()));
                }
            }
            svg.append("</g>\n");
        }
        return svg.append("</svg>\n").toString();
    }

    private static void polyline(StringBuilder svg, StringBuilder points, String colour) {
        if (!points.isEmpty()) {
            svg.append("<polyline fill=\"none\" stroke-width=\"2.5\" stroke=\"").append(colour).append("\" points=\"")
                    .append(points.toString().strip()).append("\"/>");
            points.setLength(0);
        }
    }

    /** Nights are spaced by their time, so a missing night leaves a gap. */
    private double x(int index) {
        double width = WIDTH - LEFT - RIGHT;
        Instant first = nights.getFirst().time();
        long span = nights.getLast().time().getEpochSecond() - first.getEpochSecond();
        if (span <= 0) {
            return LEFT + width / 2;
        }
        return LEFT + width * (nights.get(index).time().getEpochSecond() - first.getEpochSecond()) / span;
    }

    private static double y(long value, long top) {
        double height = HEIGHT - TOP - BOTTOM;
        return TOP + height - height * value / top;
    }

    /** @return the top of the value axis: the smallest of 1, 2, 4, 5 or 8 times a power of ten that is at least {@code max} and 4 */
    static long niceCeiling(long max) {
        long magnitude = 1;
        while (magnitude * 10 <= max) {
            magnitude *= 10;
        }
        for (long factor : new long[] {1, 2, 4, 5, 8, 10}) {
            if (magnitude * factor >= max && magnitude * factor >= 4) {
                return magnitude * factor;
            }
        }
        return magnitude * 10;
    }
}
