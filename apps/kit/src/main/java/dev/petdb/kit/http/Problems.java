package dev.petdb.kit.http;

import java.lang.System.Logger.Level;
import java.time.Duration;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpException;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import dev.petdb.kit.db.DatabaseOutage;

/**
 * The one place where failures become {@code application/problem+json} responses. A response never carries a stack
 * trace or an internal message; unexpected failures are logged here and answered with a plain 500.
 */
public final class Problems {
    /** Media type of every error response. */
    public static final String MEDIA_TYPE = "application/problem+json";

    private static final System.Logger LOGGER = System.getLogger(Problems.class.getName());
    private static final Duration DATABASE_RETRY = Duration.ofSeconds(5);

    private Problems() {
    }

    /**
     * Routes every exception thrown by a handler through {@link #send}.
     *
     * @param routing the app's routing
     */
    public static void register(HttpRouting.Builder routing) {
        routing.error(Exception.class, Problems::send);
    }

    /**
     * Answers the request with the problem that {@code failure} stands for.
     *
     * @param request  the request being answered
     * @param response its response, not sent yet
     * @param failure  what went wrong
     */
    public static void send(ServerRequest request, ServerResponse response, Throwable failure) {
        ProblemException problem = toProblem(request, failure);
        problem.headers().forEach(response::header);
        if (problem.closesConnection()) {
            // RequestFraming closes it once this is sent
            response.header(HeaderValues.CONNECTION_CLOSE);
        }
        response.status(problem.status());
        response.header(HeaderNames.CONTENT_TYPE, MEDIA_TYPE);
        byte[] body = body(problem, request.path().path());
        if (request.prologue().method().equals(Method.HEAD)) {
            HeadResponse.sendWithoutBody(response, body);
        } else {
            response.send(body);
        }
    }

    /**
     * Handles what the server rejects before routing (malformed HTTP, a body over the size limit) the same way.
     *
     * @return direct handler for the web server
     */
    public static DirectHandler directHandler() {
        return (request, eventType, status, headers, message) -> {
            AccessLog.log(request.method(), request.path(), status.code(), 0);
            ProblemException problem = status.code() == Status.REQUEST_ENTITY_TOO_LARGE_413.code()
                    ? ProblemException.tooLarge("the request body is over " + Json.MAX_BODY_BYTES / 1024 + " KiB")
                    : ProblemException.of(status, status.code() < 500 ? "the request is malformed" : "internal error");
            headers.set(HeaderNames.CONTENT_TYPE, MEDIA_TYPE);
            return DirectHandler.TransportResponse.builder()
                    .status(status)
                    .headers(headers)
                    .entity(body(problem, stripQuery(request.path())))
                    .build();
        };
    }

    private static ProblemException toProblem(ServerRequest request, Throwable failure) {
        if (failure instanceof ProblemException problem) {
            return problem;
        }
        if (DatabaseOutage.isCause(failure)) {
            LOGGER.log(Level.WARNING, "database unavailable during " + request.prologue().method().text() + " "
                    + request.path().path() + ": " + failure.getClass().getSimpleName());
            return ProblemException.unavailable("the database is unavailable; try again shortly", DATABASE_RETRY);
        }
        if (failure instanceof HttpException http && http.status().code() < 500) {
            return ProblemException.of(http.status(), switch (http.status().code()) {
                case 404 -> "no resource at " + request.path().path();
                default -> "the request is malformed";
            });
        }
        LOGGER.log(Level.ERROR, "unexpected failure in " + request.prologue().method().text() + " "
                + request.path().path(), failure);
        return ProblemException.of(Status.INTERNAL_SERVER_ERROR_500, "internal error");
    }

    private static byte[] body(ProblemException problem, String instance) {
        Status status = problem.status();
        return Json.bytes(new Problem("about:blank", status.reasonPhrase(), status.code(), problem.getMessage(), instance,
                problem.field().orElse(null)));
    }

    private static String stripQuery(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

}
