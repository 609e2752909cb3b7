package dev.petdb.kit.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Arrays;

/**
 * Strong entity tags made from a response's bytes, and the {@code If-None-Match} comparison of RFC 9110 section 13.1.2.
 */
final class EntityTags {
    /** 128 bits of SHA-256: collisions are out of reach, and the header stays short. */
    private static final int TAG_BYTES = 16;

    private EntityTags() {
    }

    /** @return the quoted strong entity tag of {@code bytes} */
    static String of(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, TAG_BYTES)) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
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
