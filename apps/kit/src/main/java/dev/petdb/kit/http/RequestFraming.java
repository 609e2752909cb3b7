package dev.petdb.kit.http;

import java.util.List;
import java.util.regex.Pattern;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Keeps one request from being read as another (request smuggling, RFC 9112 section 11.2). A request whose body
 * framing is ambiguous or broken is answered with a problem that says {@code Connection: close}, and every response
 * that says so, whether for that reason or because the client asked, really closes the connection: no byte after it
 * is ever parsed as a request.
 * <p>
 * Helidon 4.1.7 is why this is needed: after a response that says {@code Connection: close} it keeps reading the
 * connection (helidon-io/helidon#12324), skipping the unread body of that request, so a body could carry a request
 * that then runs; it answers a malformed chunk read by a handler with 500 and keep-alive; and it takes any
 * Content-Length that parses as a long, negative ones included. Throwing Helidon's own
 * {@link CloseConnectionException} after the answer is sent is the one way out of its connection loop that a filter
 * has; its direct handlers already close after what they reject before routing.
 */
final class RequestFraming implements Filter {
    /** RFC 9110 section 8.6: 1*DIGIT; 18 digits always fit a long. */
    private static final Pattern CONTENT_LENGTH = Pattern.compile("[0-9]{1,18}");

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        ProblemException framing = framingProblem(request.headers());
        if (framing != null) {
            Problems.send(request, response, framing);
        } else {
            // handlers' failures are answered inside the chain, by Problems.send for a badFraming problem too
            chain.proceed();
        }
        if (response.headers().contains(HeaderValues.CONNECTION_CLOSE)) {
            throw new CloseConnectionException("closing the connection after a response that says so");
        }
    }

    /** @return the problem with how the body is delimited, or null when it is one Content-Length or chunked */
    private static ProblemException framingProblem(ServerRequestHeaders headers) {
        List<String> transferEncoding = headers.all(HeaderNames.TRANSFER_ENCODING, List::of);
        List<String> contentLength = headers.all(HeaderNames.CONTENT_LENGTH, List::of);
        if (!transferEncoding.isEmpty()) {
            // exactly what Helidon reads as chunked; anything else it would take as no body at all
            if (!transferEncoding.equals(List.of("chunked"))) {
                return ProblemException.badFraming(Status.NOT_IMPLEMENTED_501,
                        "Transfer-Encoding must be chunked, or send a Content-Length instead");
            }
            if (!contentLength.isEmpty()) {
                return ProblemException.badFraming(Status.BAD_REQUEST_400,
                        "send either Content-Length or Transfer-Encoding, not both");
            }
        }
        if (!contentLength.isEmpty()
                && (contentLength.size() != 1 || !CONTENT_LENGTH.matcher(contentLength.getFirst()).matches())) {
            return ProblemException.badFraming(Status.BAD_REQUEST_400,
                    "Content-Length must be one non-negative whole number");
        }
        return null;
    }

}
