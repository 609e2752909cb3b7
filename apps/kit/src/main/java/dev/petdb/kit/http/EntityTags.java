package dev.petdb.kit.http;

/**
 * Strong entity tags made from a response's bytes, and the {@code If-None-Match} comparison of RFC 9110 section 13.1.2.
 */
final class EntityTags {
    private EntityTags() {
    }

    /** @return the quoted strong entity tag of {@code bytes}: their {@link Fingerprints fingerprint} */
    static String of(byte[] bytes) {
        return '"' + Fingerprints.of(bytes) + '"';
    }

    /**
     * @param ifNoneMatch the request's If-None-Match field values, each possibly a comma-separated list
     * @param etag        the current quoted entity tag
     * @return whether one of them names it ({@code *} names any), compared weakly as RFC 9110 asks for this field
     */
    static boolean matches(Iterable<String> ifNoneMatch, String etag) {
        for (String value : ifNoneMatch) {
            for (String candidate : value.split(",")) {
                String tag = candidate.strip();
                if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(etag)) {
                    return true;
                }
            }
        }
        return false;
    }
}
