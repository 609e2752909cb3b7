package dev.petdb.cli.backup;

import java.io.PrintWriter;

/**
 * One line of a terminal redrawn in place (a progress bar), and wiped when it is done, so that whatever is printed
 * next starts on a clean line. Plain carriage returns and spaces, which every terminal understands.
 */
final class TerminalLine {
    private final PrintWriter err;
    private int drawn;

    TerminalLine(PrintWriter err) {
        this.err = err;
    }

    /** Replaces the line with {@code text}. */
    void draw(String text) {
        int wider = Math.max(0, drawn - text.length()); // what is left of a longer line
        err.print("\r" + text + " ".repeat(wider));
        err.flush();
        drawn = text.length() + wider;
    }

    /** Blanks the line and puts the cursor at its start; nothing when nothing was drawn. */
    void clear() {
        if (drawn > 0) {
            err.print("\r" + " ".repeat(drawn) + "\r");
            err.flush();
            drawn = 0;
        }
    }
}
