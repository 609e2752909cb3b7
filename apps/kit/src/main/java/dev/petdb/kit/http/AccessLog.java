package dev.petdb.kit.http;

import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * One line per request: method, path, status, duration. The query string and headers are never logged, as they may
 * carry tokens or personal data.
 */
public final class AccessLog implements Filter {
    private static final Logger LOGGER = Logger.getLogger("access");

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        long start = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            log(request.prologue().method().text(), request.path().path(), response.status().code(), System.nanoTime() - start);
        }
    }

    static void log(String method, String path, int status, long nanos) {
        if (LOGGER.isLoggable(Level.INFO)) {
            long tenths = nanos / 100_000;
            LOGGER.info(method + " " + path + " " + status + " " + tenths / 10 + "." + tenths % 10 + "ms");
        }
    }
}
