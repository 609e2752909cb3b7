package dev.petdb.kit.http;

import java.io.OutputStream;
import java.util.function.UnaryOperator;

import io.helidon.common.uri.UriQuery;
import io.helidon.http.Header;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.ServerResponseTrailers;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerResponse;

/**
 * The response to a HEAD request: everything a GET handler sets, with the body's length as Content-Length and no
 * body (RFC 9110 section 9.3.2). Helidon 4.1.7 routes HEAD only where a route names it, and writes whatever body a
 * handler sends, so every GET route of the kit is also registered for HEAD with this in front of its handler.
 */
final class HeadResponse implements ServerResponse {
    private final ServerResponse delegate;

    private HeadResponse(ServerResponse delegate) {
        this.delegate = delegate;
    }

    /** @return {@code handler} answering HEAD: same status and headers, no body */
    static Handler head(Handler handler) {
        return (request, response) -> handler.handle(request, new HeadResponse(response));
    }

    /** Sends the headers of a response whose body would have been {@code body}. */
    static void sendWithoutBody(ServerResponse response, byte[] body) {
        response.contentLength(body.length);
        response.send();
    }

    @Override
    public void send(byte[] bytes) {
        sendWithoutBody(delegate, bytes);
    }

    @Override
    public void send(byte[] bytes, int position, int length) {
        delegate.contentLength(length);
        delegate.send();
    }

    @Override
    public void send(Object entity) {
        throw new UnsupportedOperationException("kit handlers send bytes; see Json.send");
    }

    @Override
    public OutputStream outputStream() {
        throw new UnsupportedOperationException("kit handlers send bytes; see Json.send");
    }

    @Override
    public void send() {
        delegate.send();
    }

    @Override
    public ServerResponse status(Status status) {
        delegate.status(status);
        return this;
    }

    @Override
    public Status status() {
        return delegate.status();
    }

    @Override
    public ServerResponse header(Header header) {
        delegate.header(header);
        return this;
    }

    @Override
    public boolean isSent() {
        return delegate.isSent();
    }

    @Override
    public long bytesWritten() {
        return delegate.bytesWritten();
    }

    @Override
    public ServerResponse whenSent(Runnable listener) {
        delegate.whenSent(listener);
        return this;
    }

    @Override
    public ServerResponse reroute(String newPath) {
        delegate.reroute(newPath);
        return this;
    }

    @Override
    public ServerResponse reroute(String path, UriQuery query) {
        delegate.reroute(path, query);
        return this;
    }

    @Override
    public ServerResponse next() {
        delegate.next();
        return this;
    }

    @Override
    public ServerResponseHeaders headers() {
        return delegate.headers();
    }

    @Override
    public ServerResponseTrailers trailers() {
        return delegate.trailers();
    }

    @Override
    public void streamResult(String result) {
        delegate.streamResult(result);
    }

    @Override
    public void streamFilter(UnaryOperator<OutputStream> filterFunction) {
        delegate.streamFilter(filterFunction);
    }
}
