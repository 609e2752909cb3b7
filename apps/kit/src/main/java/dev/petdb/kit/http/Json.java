package dev.petdb.kit.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.petdb.kit.http.json.JsonCodec;
import dev.petdb.kit.http.json.JsonMismatchException;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpMediaType;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * JSON in and out, the same for every app: snake_case names, ISO-8601 timestamps, UTF-8, and a strict reader that
 * turns every problem with a body into a {@link ProblemException} naming the field.
 */
public final class Json {
    /** Bodies larger than this answer 413. Mobile clients have no business sending more. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /** Deeper than any body an app takes, shallow enough for any stack. */
    static final int MAX_NESTING = 64;
    /** Digits in one number: more than any long or double needs. */
    static final int MAX_NUMBER_LENGTH = 64;

    private static final JsonCodec CODEC = new JsonCodec(MAX_NESTING, MAX_NUMBER_LENGTH);

    private Json() {
    }

    /**
     * Sends {@code body} as {@code application/json}.
     *
     * @param response the response
     * @param status   its status
     * @param body     a record, list or map
     */
    public static void send(ServerResponse response, Status status, Object body) {
        response.status(status);
        response.header(HeaderValues.CONTENT_TYPE_JSON);
        response.send(bytes(body));
    }

    /**
     * Sends {@code body} with 200 and a strong ETag computed from its bytes, or only 304 when the request's
     * {@code If-None-Match} already names that ETag: a mobile client revalidating pays for headers alone.
     *
     * @param request  the request, for If-None-Match
     * @param response the response
     * @param body     a record, list or map
     */
    public static void sendCacheable(ServerRequest request, ServerResponse response, Object body) {
        byte[] bytes = bytes(body);
        sendCacheable(request, response, bytes, EntityTags.of(bytes));
    }

    /**
     * {@link #sendCacheable(ServerRequest, ServerResponse, Object)} for JSON already in bytes, whose ETag was computed
     * once ({@link EntityTags#of}): a body that never changes, such as the OpenAPI document.
     */
    static void sendCacheable(ServerRequest request, ServerResponse response, byte[] bytes, String etag) {
        response.header(HeaderNames.ETAG, etag);
        response.header(HeaderNames.CACHE_CONTROL, "no-cache");
        if (EntityTags.matches(request.headers().all(HeaderNames.IF_NONE_MATCH, List::of), etag)) {
            response.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        response.status(Status.OK_200);
        response.header(HeaderValues.CONTENT_TYPE_JSON);
        response.send(bytes);
    }

    /**
     * Reads the request body as {@code type}.
     *
     * @param request the request; its Content-Type must be JSON
     * @param type    a record whose components are the accepted fields
     * @param <T>     the type
     * @return the body, never null
     * @throws ProblemException 415 for another media type or charset, 413 over {@link #MAX_BODY_BYTES},
     *                          400 for an empty or malformed body, a body that is not UTF-8, a field of the wrong type
     *                          or text PostgreSQL cannot store (U+0000, a lone surrogate); 400 closing the connection when
     *                          the body's framing is broken ({@link ProblemException#badFraming})
     */
    public static <T> T read(ServerRequest request, Class<T> type) {
        requireJsonContentType(request);
        return parse(readBody(request), type);
    }

    /** {@link #read} after the body has been taken off the wire: what the tests pin without a server. */
    static <T> T parse(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw ProblemException.badRequest("the request body is empty; send a JSON object");
        }
        String text = utf8(body);
        try {
            T value = CODEC.read(text, type);
            if (value == null) {
                throw ProblemException.badRequest("the request body is null; send a JSON object");
            }
            return value;
        } catch (JsonMismatchException e) {
            throw mismatch(e);
        } catch (StreamConstraintsException e) {
            throw ProblemException.badRequest("the request body nests deeper than " + MAX_NESTING
                    + " levels or has a number longer than " + MAX_NUMBER_LENGTH + " digits");
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            throw ProblemException.badRequest("the request body is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw ProblemException.badRequest("the request body could not be read");
        }
    }

    /**
     * @param value any JSON-mappable value
     * @return its UTF-8 JSON bytes
     */
    public static byte[] bytes(Object value) {
        try {
            return CODEC.bytes(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /** Strictly: Jackson would guess UTF-16 or UTF-32 from the bytes, and pass an encoded surrogate through. */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("the request body is not UTF-8; send JSON in UTF-8");
        }
    }

    private static void requireJsonContentType(ServerRequest request) {
        Optional<HttpMediaType> contentType;
        try {
            contentType = request.headers().contentType();
        } catch (RuntimeException e) {
            // Helidon fails to parse e.g. ";;;===" with an unchecked exception of its own
            throw ProblemException.unsupportedMediaType("the Content-Type header is malformed; send application/json");
        }
        if (contentType.isEmpty()) {
            throw ProblemException.unsupportedMediaType("send the body with Content-Type: application/json");
        }
        var mediaType = contentType.get().mediaType();
        boolean json = mediaType.type().equals("application")
                && (mediaType.subtype().equals("json") || mediaType.subtype().endsWith("+json"));
        boolean utf8 = contentType.get().charset().map(c -> c.equalsIgnoreCase("utf-8")).orElse(true);
        if (!json || !utf8) {
            throw ProblemException.unsupportedMediaType("send the body with Content-Type: application/json (UTF-8)");
        }
    }

    private static byte[] readBody(ServerRequest request) {
        if (request.headers().contentLength().orElse(0L) > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        if (!request.content().hasEntity()) {
            return new byte[0];
        }
        byte[] body;
        try (InputStream in = request.content().inputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException | RuntimeException e) {
            // a malformed or overlong chunk, or input that ended before Content-Length: where this body ends and the
            // next request starts is unknown, so the connection must close
            throw overLimit(e)
                    ? ProblemException.badFraming(Status.REQUEST_ENTITY_TOO_LARGE_413, tooLarge().getMessage())
                    : ProblemException.badFraming(Status.BAD_REQUEST_400, "the request body is not framed as its "
                            + "headers say: a malformed chunk, or fewer bytes than Content-Length");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return body;
    }

    private static boolean overLimit(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RequestException e && e.status().code() == Status.REQUEST_ENTITY_TOO_LARGE_413.code()) {
                return true;
            }
        }
        return false;
    }

    private static ProblemException tooLarge() {
        return ProblemException.tooLarge("the request body is over " + MAX_BODY_BYTES / 1024 + " KiB");
    }

    private static ProblemException mismatch(JsonMismatchException e) {
        String field = e.path();
        return switch (e.kind()) {
            case WRONG_TYPE -> field.isEmpty()
                    ? ProblemException.badRequest("the request body must be a JSON object")
                    : ProblemException.invalid(field, "field '" + field + "' has the wrong type");
            case UNSTORABLE -> field.isEmpty()
                    ? ProblemException.badRequest("the request body " + e.getMessage())
                    : ProblemException.invalid(field, "field '" + field + "' " + e.getMessage());
            case INVALID -> e.getCause() instanceof ProblemException refused
                    ? refused
                    : field.isEmpty()
                    ? ProblemException.badRequest("the request body does not fit this endpoint")
                    : ProblemException.invalid(field, "field '" + field + "' is not valid");
        };
    }
}
