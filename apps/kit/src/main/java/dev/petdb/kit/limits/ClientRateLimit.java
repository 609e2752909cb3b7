package dev.petdb.kit.limits;

import java.time.Duration;

import dev.petdb.kit.config.RateLimitSettings;
import dev.petdb.kit.http.ProblemException;
import dev.petdb.kit.http.Health;
import dev.petdb.kit.http.Problems;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Answers 429 with {@code Retry-After} (whole seconds) and a problem+json body to a client that has used up its
 * budget; every other request goes on. Health checks are never limited: Dokku and load balancers poll them from one
 * address.
 */
public final class ClientRateLimit implements Filter {
    /** Clients remembered at most: about 150 bytes each, some 3 MB; a client is remembered while its budget refills. */
    static final int MAX_CLIENTS = 20_000;
    private static final long SECOND = 1_000_000_000L;

    private final ClientBuckets buckets;
    private final ClientKeys keys;

    ClientRateLimit(RateLimitSettings settings, ClientBuckets buckets) {
        this.buckets = buckets;
        this.keys = new ClientKeys(settings.trustedProxies());
    }

    /**
     * @param settings how many requests each client may send; must be {@link RateLimitSettings#enabled()}
     * @return the filter
     */
    public static ClientRateLimit of(RateLimitSettings settings) {
        return new ClientRateLimit(settings,
                new ClientBuckets(settings.perMinute(), settings.burst(), MAX_CLIENTS, System::nanoTime));
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        if (Health.isCheck(request.path().path())) {
            chain.proceed();
            return;
        }
        long wait = buckets.take(keys.key(request));
        if (wait == 0) {
            chain.proceed();
            return;
        }
        long seconds = Math.max(1, (wait + SECOND - 1) / SECOND);
        Problems.send(request, response, ProblemException.tooManyRequests("too many requests from this client; "
                + "try again in " + seconds + (seconds == 1 ? " second" : " seconds"), Duration.ofSeconds(seconds)));
    }
}
