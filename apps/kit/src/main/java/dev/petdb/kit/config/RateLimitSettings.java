package dev.petdb.kit.config;

/**
 * How many requests each client may send: a token bucket of {@code burst} requests that refills at
 * {@code perMinute} a minute.
 *
 * @param perMinute      {@code RATE_LIMIT_PER_MINUTE}, default 600; 0 turns the limit off
 * @param burst          {@code RATE_LIMIT_BURST}, default 100: how many requests a client may send at once
 * @param trustedProxies {@code RATE_LIMIT_TRUSTED_PROXIES}, default {@value TrustedProxies#DEFAULT}: the peers whose
 *                       {@code X-Forwarded-For} names the client
 */
public record RateLimitSettings(int perMinute, int burst, TrustedProxies trustedProxies) {
    /** @return whether requests are limited at all */
    public boolean enabled() {
        return perMinute > 0;
    }
}
