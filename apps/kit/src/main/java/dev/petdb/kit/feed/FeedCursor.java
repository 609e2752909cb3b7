package dev.petdb.kit.feed;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.petdb.kit.http.ProblemException;

/**
 * A position in a changes feed, as clients hold it: the feed's epoch (which a restore changes) and a change number,
 * written {@code EPOCH-NUMBER} with the epoch in base 36, e.g. {@code k2x9q1-44}. {@code 0} is the start of any
 * feed: everything there is.
 *
 * @param epoch  the feed's epoch when the cursor was handed out; 0 with change 0 for the start
 * @param change the last change number the client has
 */
public record FeedCursor(int epoch, long change) {
    /** The start of every feed. */
    public static final FeedCursor START = new FeedCursor(0, 0);
    private static final Pattern TEXT = Pattern.compile("([0-9a-z]{1,6})-([0-9]{1,18})");

    /**
     * @param text the {@code since} parameter, if the request has one
     * @return the cursor; {@link #START} when absent or {@code 0}
     * @throws ProblemException 400 naming {@code since} when it is not a cursor this server hands out
     */
    public static FeedCursor parse(Optional<String> text) {
        if (text.isEmpty() || text.get().equals("0")) {
            return START;
        }
        Matcher matcher = TEXT.matcher(text.get());
        if (matcher.matches()) {
            long epoch = Long.parseLong(matcher.group(1), 36);
            if (epoch <= Integer.MAX_VALUE) {
                return new FeedCursor((int) epoch, Long.parseLong(matcher.group(2)));
            }
        }
        throw ProblemException.invalid("since", "since must be a next_cursor this feed handed out, or 0 for everything");
    }

    /** @return whether this is the start: everything there is */
    public boolean isStart() {
        return change == 0 && epoch == 0;
    }

    @Override
    public String toString() {
        return isStart() ? "0" : Integer.toString(epoch, 36) + "-" + change;
    }
}
