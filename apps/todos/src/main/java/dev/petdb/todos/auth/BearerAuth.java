package dev.petdb.todos.auth;

import dev.petdb.kit.http.ProblemException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The one place that checks {@code Authorization: Bearer <token>} (RFC 6750). Endpoints that need a signed-in user
 * register their handler through {@link #protect}.
 */
public final class BearerAuth {
    /** The challenge of a 401 when the request has no bearer token, or its credentials are wrong. */
    public static final String CHALLENGE = "Bearer realm=\"todos\"";
    private static final String INVALID_TOKEN_CHALLENGE = CHALLENGE + ", error=\"invalid_token\"";

    private final AccessTokens tokens;

    /**
     * @param tokens the tokens table
     */
    public BearerAuth(AccessTokens tokens) {
        this.tokens = tokens;
    }

    /** A handler that runs only for a caller with a valid token. */
    @FunctionalInterface
    public interface CallerHandler {
        /**
         * @param request  the request
         * @param response its response
         * @param caller   who sent it
         */
        void handle(ServerRequest request, ServerResponse response, Caller caller);
    }

    /**
     * @param handler an endpoint for signed-in users
     * @return a handler that answers 401 unless the request carries a valid bearer token, and else calls handler
     */
    public Handler protect(CallerHandler handler) {
        return (request, response) -> handler.handle(request, response, caller(request));
    }

    /**
     * @return the 401 for a token that is malformed, unknown, expired or revoked
     */
    public static ProblemException invalidToken() {
        return ProblemException.unauthorized("the access token is invalid, expired or revoked; sign in again",
                INVALID_TOKEN_CHALLENGE);
    }

    private Caller caller(ServerRequest request) {
        String authorization = request.headers().first(HeaderNames.AUTHORIZATION).orElse("").strip();
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        if (!scheme.equalsIgnoreCase("Bearer")) {
            // no bearer credentials at all: RFC 6750 section 3.1 says the challenge carries no error then
            throw ProblemException.unauthorized("sign in first: send Authorization: Bearer <access token>", CHALLENGE);
        }
        String token = space < 0 ? "" : authorization.substring(space + 1).strip();
        long userId = tokens.holder(token).orElseThrow(BearerAuth::invalidToken);
        return new Caller(userId, token);
    }
}
