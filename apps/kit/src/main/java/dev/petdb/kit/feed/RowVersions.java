package dev.petdb.kit.feed;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

import dev.petdb.kit.http.ProblemException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;

/**
 * A tracked row's version as an entity tag ({@code "7"}), and the version a write expects, from {@code If-Match} or
 * the body's {@code version} field: the store then changes the row only if it is still at that version, and a device
 * that edited an older copy gets 412 instead of overwriting another device's change.
 */
public final class RowVersions {
    private RowVersions() {
    }

    /** @return the strong entity tag of a row at {@code version} */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * @param request     the write
     * @param bodyVersion the body's {@code version} field, or null when it has none
     * @return the version the write expects the row to be at; empty when it names none ({@code If-Match: *} names
     *         none: any version of an existing row)
     * @throws ProblemException 400 when If-Match lists several tags, or disagrees with the body's version; 412 when
     *                          its one tag is weak or not a version's tag, which no version of the row can match
     */
    public static OptionalLong expected(ServerRequest request, Long bodyVersion) {
        List<String> values = request.headers().all(HeaderNames.IF_MATCH, List::of).stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip).filter(tag -> !tag.isEmpty()).toList();
        if (values.size() > 1) {
            throw ProblemException.badRequest("If-Match must name one entity tag, from the row's ETag");
        }
        OptionalLong fromHeader = values.isEmpty() || values.getFirst().equals("*")
                ? OptionalLong.empty() : OptionalLong.of(version(values.getFirst()));
        if (bodyVersion == null) {
            return fromHeader;
        }
        if (fromHeader.isPresent() && fromHeader.getAsLong() != bodyVersion) {
            throw ProblemException.invalid("version", "version " + bodyVersion + " disagrees with If-Match "
                    + values.getFirst() + "; send one of them");
        }
        if (bodyVersion < 1) {
            throw ProblemException.invalid("version", "version must be a whole number of at least 1");
        }
        return OptionalLong.of(bodyVersion);
    }

    /**
     * @param what    the row, as the client knows it, e.g. {@code todo 5}
     * @param current its version now
     * @return 412 saying the row has changed since the client read it
     */
    public static ProblemException changedSince(String what, long current) {
        return ProblemException.of(Status.PRECONDITION_FAILED_412, what + " has changed since you read it; it is at"
                + " version " + current + " (ETag " + etag(current) + "): read it again, then retry");
    }

    private static long version(String tag) {
        if (tag.length() > 2 && tag.length() <= 21 && tag.startsWith("\"") && tag.endsWith("\"")) {
            try {
                long version = Long.parseLong(tag.substring(1, tag.length() - 1));
                if (version > 0) {
                    return version;
                }
            } catch (NumberFormatException e) {
                // falls through
            }
        }
        // a weak tag, or one this server never gave out: no version matches it, which If-Match answers with 412
        throw ProblemException.of(Status.PRECONDITION_FAILED_412, "If-Match "
                + (tag.length() <= 24 ? tag + " " : "") + "names no version: send the ETag of the row as last read, e.g. If-Match: \"3\"");
    }
}
