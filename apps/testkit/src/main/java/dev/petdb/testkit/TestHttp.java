package dev.petdb.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A small HTTP client for tests of an app on localhost: one call per request, a bounded timeout, the response as a
 * plain record.
 */
public final class TestHttp {
    /** What a request got back. */
    public record Response(int status, HttpHeaders headers, String body) {
        /** @return the first value of a header, if present */
        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    /**
     * @param port the app's port on localhost
     */
    public TestHttp(int port) {
        this.base = "http://localhost:" + port;
    }

    /** GET path (with its query string). */
    public Response get(String path) {
        return send(request(path).GET());
    }

    /** DELETE path. */
    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    /** POST a JSON body. */
    public Response postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    /** Any method, with a body of the given content type (null for none). */
    public Response send(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder builder = request(path);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Sends a prepared request built on {@link #request(String)}. */
    public Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = client.send(builder.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** @return a request builder for path with the default timeout */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
    }

    /**
     * Polls GET path until it answers 200.
     *
     * @param path    e.g. {@code /health/ready}
     * @param timeout how long to keep trying
     * @return true when it answered 200 in time
     */
    public boolean awaitOk(String path, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (send(request(path).timeout(Duration.ofSeconds(2)).GET()).status() == 200) {
                    return true;
                }
            } catch (UncheckedIOException e) {
                // not listening yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
