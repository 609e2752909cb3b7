package dev.petdb.backup.report;

/**
 * How the page colours a verdict, a night's marker and its status: one colour per meaning, so that the banner, the
 * charts and the table agree (and the browser test can look for them).
 */
enum Tone {
    GOOD("good", "#1a7f37"),
    WARNING("warning", "#b35900"),
    BAD("bad", "#c62828"),
    UNKNOWN("unknown", "#57606a");

    private final String cssClass;
    private final String colour;

    Tone(String cssClass, String colour) {
        this.cssClass = cssClass;
        this.colour = colour;
    }

    /** @return the tone of a night's status */
    static Tone of(NightStatus status) {
        return switch (status) {
            case OK -> GOOD;
            case SUSPICIOUS -> WARNING;
            case BROKEN -> BAD;
            case NOT_VERIFIED -> UNKNOWN;
        };
    }

    /** @return its CSS class */
    String cssClass() {
        return cssClass;
    }

    /** @return its colour, {@code #rrggbb} */
    String colour() {
        return colour;
    }
}
