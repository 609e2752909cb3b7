package dev.petdb.kit.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Short fingerprints of bytes: the first 128 bits of their SHA-256 in base64url, 22 characters. Collisions are out of
 * reach, and the text is short enough for a header or a map key. Entity tags are made of them, and the rate limiter
 * keys a bearer token's budget by one, so that the token itself is never kept.
 */
public final class Fingerprints {
    private static final int BYTES = 16;
    /** Cloned for each use: cheaper than looking the algorithm up each time, on a request's path. */
    private static final MessageDigest SHA_256 = sha256();

    private Fingerprints() {
    }

    /** @return the fingerprint of {@code bytes} */
    public static String of(byte[] bytes) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            digest = sha256();
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest.digest(bytes), BYTES));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
