package dev.petdb.kit.http;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;

/**
 * The one failure an app's code throws to answer a client: it becomes an {@code application/problem+json} response
 * (RFC 9457) in {@link Problems}. The detail is shown to the client, so it must say what is wrong in terms of the
 * request and never carry internals or secrets.
 */
public final class ProblemException extends RuntimeException {
    private final Status status;
    private final String field;
    private final Map<HeaderName, String> headers;
    private final boolean closesConnection;

    private ProblemException(Status status, String detail, String field, Map<HeaderName, String> headers,
            boolean closesConnection) {
        super(detail, null, false, false);
        this.status = status;
        this.field = field;
        this.headers = headers;
        this.closesConnection = closesConnection;
    }

    private ProblemException(Status status, String detail, String field, Map<HeaderName, String> headers) {
        this(status, detail, field, headers, false);
    }

    private ProblemException(Status status, String detail, String field) {
        this(status, detail, field, Map.of());
    }

    /** 400: a request that cannot be understood. */
    public static ProblemException badRequest(String detail) {
        return new ProblemException(Status.BAD_REQUEST_400, detail, null);
    }

    /** 400 naming the field of the body or the parameter that failed validation. */
    public static ProblemException invalid(String field, String detail) {
        return new ProblemException(Status.BAD_REQUEST_400, detail, field);
    }

    /**
     * 401 with a {@code WWW-Authenticate} challenge (RFC 9110 section 11.6.1), e.g.
     * {@code Bearer realm="todos", error="invalid_token"}.
     */
    public static ProblemException unauthorized(String detail, String challenge) {
        return new ProblemException(Status.UNAUTHORIZED_401, detail, null,
                Map.of(HeaderNames.WWW_AUTHENTICATE, challenge));
    }

    /** 404. */
    public static ProblemException notFound(String detail) {
        return new ProblemException(Status.NOT_FOUND_404, detail, null);
    }

    /** 409: the request conflicts with what is stored, such as a duplicate name. */
    public static ProblemException conflict(String field, String detail) {
        return new ProblemException(Status.CONFLICT_409, detail, field);
    }

    /** 413: the body is over the limit. */
    public static ProblemException tooLarge(String detail) {
        return new ProblemException(Status.REQUEST_ENTITY_TOO_LARGE_413, detail, null);
    }

    /** 415: the body is not in a type the endpoint reads. */
    public static ProblemException unsupportedMediaType(String detail) {
        return new ProblemException(Status.UNSUPPORTED_MEDIA_TYPE_415, detail, null);
    }

    /** 429 with Retry-After: the client must wait before trying again. */
    public static ProblemException tooManyRequests(String detail, Duration retryAfter) {
        return new ProblemException(Status.TOO_MANY_REQUESTS_429, detail, null,
                Map.of(HeaderNames.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds()))));
    }

    /** 503 with Retry-After. */
    public static ProblemException unavailable(String detail, Duration retryAfter) {
        return new ProblemException(Status.SERVICE_UNAVAILABLE_503, detail, null,
                Map.of(HeaderNames.RETRY_AFTER, String.valueOf(retryAfter.toSeconds())));
    }

    /** 405 with the methods the resource does take. */
    public static ProblemException methodNotAllowed(String detail, Iterable<String> allowed) {
        return new ProblemException(Status.METHOD_NOT_ALLOWED_405, detail, null,
                Map.of(HeaderNames.ALLOW, String.join(", ", allowed)));
    }

    /**
     * A request whose framing cannot be trusted (a malformed chunk, a Content-Length that does not match its body):
     * answered with {@code status}, then its connection is closed, because the bytes that follow it may not start a
     * request and must never be read as one.
     */
    public static ProblemException badFraming(Status status, String detail) {
        return new ProblemException(status, detail, null, Map.of(), true);
    }

    /** Any other status, for the rare case the factories above do not cover. */
    public static ProblemException of(Status status, String detail) {
        return new ProblemException(status, detail, null);
    }

    /** @return the HTTP status to answer with */
    public Status status() {
        return status;
    }

    /** @return the field or parameter at fault, if one is */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** @return whether the connection must close after this answer, see {@link #badFraming} */
    public boolean closesConnection() {
        return closesConnection;
    }

    /** @return headers the response must carry, such as Retry-After or Allow */
    public Map<HeaderName, String> headers() {
        return headers;
    }
}
