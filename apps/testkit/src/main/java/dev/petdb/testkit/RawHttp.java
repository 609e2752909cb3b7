package dev.petdb.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sends bytes exactly as given over a plain socket to an app on localhost, and reads back every response the app
 * writes on that connection and whether it then closed it. For tests of what no well-behaved client sends:
 * malformed framing, smuggled requests, HTTP/1.0.
 */
public final class RawHttp {
    /** How long to wait for the app to answer or close; a bound, not a speed goal. */
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    /** One response as it came over the wire. */
    public record Response(String statusLine, int status, Map<String, String> headers, String body) {
        /** @return a header's value; names compare case-insensitively, repeated fields are joined by ", " */
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    /**
     * What came back on one connection.
     *
     * @param responses every response, in order
     * @param closed    whether the app closed the connection after them (false: it was still open when the client
     *                  stopped waiting)
     */
    public record Exchange(List<Response> responses, boolean closed) {
        /** @return the only response; fails when there was none or more than one */
        public Response only() {
            if (responses.size() != 1) {
                throw new AssertionError("expected exactly one response, got " + responses.size() + ": " + responses);
            }
            return responses.getFirst();
        }
    }

    private RawHttp() {
    }

    /**
     * Writes {@code request} (text, sent as ISO-8859-1 so every char is one byte) and reads until the app closes.
     *
     * @param port       the app's port on localhost
     * @param request    the raw request bytes, CRLFs included
     * @param closeWrite whether to half-close the connection after writing, so the app sees the end of input
     * @return the responses and whether the connection ended
     */
    public static Exchange send(int port, String request, boolean closeWrite) {
        return send(port, request.getBytes(StandardCharsets.ISO_8859_1), closeWrite);
    }

    /** As {@link #send(int, String, boolean)}, for requests that are not text. */
    public static Exchange send(int port, byte[] request, boolean closeWrite) {
        boolean head = new String(request, 0, Math.min(5, request.length), StandardCharsets.ISO_8859_1).equals("HEAD ");
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            if (closeWrite) {
                socket.shutdownOutput();
            }
            InputStream in = socket.getInputStream();
            List<Response> responses = new ArrayList<>();
            while (true) {
                Optional<Response> response;
                try {
                    // only the first response can be to the HEAD that starts the request bytes
                    response = readResponse(in, head && responses.isEmpty());
                } catch (SocketTimeoutException e) {
                    return new Exchange(List.copyOf(responses), false);
                } catch (SocketException e) {
                    // a reset: the app closed while request bytes were still unread
                    return new Exchange(List.copyOf(responses), true);
                }
                if (response.isEmpty()) {
                    return new Exchange(List.copyOf(responses), true);
                }
                responses.add(response.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Response> readResponse(InputStream in, boolean head) throws IOException {
        String statusLine = readLine(in);
        if (statusLine == null) {
            return Optional.empty();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.merge(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip(),
                    (a, b) -> a + ", " + b);
        }
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        int length = head || status == 204 || status == 304 ? 0 : Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new IOException("connection ended in a response body: " + statusLine);
        }
        return Optional.of(new Response(statusLine, status, headers, new String(body, StandardCharsets.UTF_8)));
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
