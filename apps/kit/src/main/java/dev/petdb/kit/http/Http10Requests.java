package dev.petdb.kit.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;

/**
 * The server's one HTTP/1 entry point: Helidon's HTTP/1.1 connection, which also serves HTTP/1.0 requests.
 * <p>
 * Helidon 4.1.7 answers every HTTP/1.0 request with 400 (later versions with 505, helidon-io/helidon#9648), while
 * HTTP/1.0 clients and probes still exist. When the first request on a connection is HTTP/1.0, its head is handed to
 * Helidon as HTTP/1.1 with {@code Connection: close} (and {@code Host: localhost} when it has none, as HTTP/1.0 does
 * not require one); the response says {@code Connection: close} and {@link RequestFraming} closes the connection after
 * it, which is the HTTP/1.0 default. HTTP/1.0 keep-alive is not offered. Responses carry Content-Length, never chunks.
 * Every other connection passes through byte for byte.
 */
public final class Http10Requests implements ServerConnectionSelector {
    /** Longer heads than Helidon's own limits are passed through for it to reject. */
    private static final int MAX_HEAD_BYTES = 4096 + 16384;
    private static final byte[] END_OF_HEAD = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerConnectionSelector http11;

    /** With Helidon's default HTTP/1.1 settings. */
    public Http10Requests() {
        this.http11 = Http1ConnectionSelector.builder().config(Http1Config.create()).build();
    }

    @Override
    public int bytesToIdentifyConnection() {
        return 0;
    }

    @Override
    public Support supports(BufferData data) {
        return Support.SUPPORTED;
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return http11.supportedApplicationProtocols();
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        return http11.connection(new RewritingContext(ctx, new DataReader(new FirstHead(ctx.dataReader()))));
    }

    /** Reads the connection's bytes, rewriting the head of a first request that is HTTP/1.0. */
    private static final class FirstHead implements Supplier<byte[]> {
        private final DataReader source;
        private boolean passThrough;

        private FirstHead(DataReader source) {
            this.source = source;
        }

        @Override
        public byte[] get() {
            if (passThrough) {
                return next();
            }
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            while (true) {
                byte[] chunk = next();
                if (chunk == null) {
                    passThrough = true;
                    return seen.size() == 0 ? null : seen.toByteArray();
                }
                seen.writeBytes(chunk);
                byte[] bytes = seen.toByteArray();
                int lineEnd = indexOf(bytes, new byte[] {'\r', '\n'});
                int headEnd = indexOf(bytes, END_OF_HEAD);
                boolean tooLong = bytes.length > MAX_HEAD_BYTES;
                if (lineEnd >= 0 && !isHttp10(bytes, lineEnd) || tooLong) {
                    passThrough = true;
                    return bytes;
                }
                if (headEnd >= 0) {
                    passThrough = true;
                    byte[] head = asHttp11(new String(bytes, 0, headEnd + 2, StandardCharsets.ISO_8859_1));
                    byte[] rest = Arrays.copyOfRange(bytes, headEnd + 2, bytes.length);
                    ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + rest.length);
                    out.writeBytes(head);
                    out.writeBytes(rest);
                    return out.toByteArray();
                }
            }
        }

        private byte[] next() {
            try {
                source.ensureAvailable();
            } catch (DataReader.InsufficientDataAvailableException e) {
                return null;
            }
            return source.readBytes(source.available());
        }

        private static boolean isHttp10(byte[] bytes, int lineEnd) {
            return new String(bytes, 0, lineEnd, StandardCharsets.ISO_8859_1).endsWith(" HTTP/1.0");
        }

        /** @param head the request line and header lines, each ending in CRLF */
        private static byte[] asHttp11(String head) {
            String[] lines = head.split("\r\n");
            StringBuilder out = new StringBuilder(head.length() + 40);
            out.append(lines[0], 0, lines[0].length() - "1.0".length()).append("1.1\r\n");
            boolean host = false;
            for (int i = 1; i < lines.length; i++) {
                String name = lines[i].toLowerCase(Locale.ROOT);
                if (name.startsWith("connection:")) {
                    continue;
                }
                host |= name.startsWith("host:");
                out.append(lines[i]).append("\r\n");
            }
            if (!host) {
                out.append("Host: localhost\r\n");
            }
            out.append("Connection: close\r\n");
            return out.toString().getBytes(StandardCharsets.ISO_8859_1);
        }

        private static int indexOf(byte[] bytes, byte[] part) {
            outer:
            for (int i = 0; i + part.length <= bytes.length; i++) {
                for (int j = 0; j < part.length; j++) {
                    if (bytes[i + j] != part[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    /** The connection's context with the rewriting reader in place of the socket's. */
    private record RewritingContext(ConnectionContext delegate, DataReader dataReader) implements ConnectionContext {
        @Override
        public ListenerContext listenerContext() {
            return delegate.listenerContext();
        }

        @Override
        public ExecutorService executor() {
            return delegate.executor();
        }

        @Override
        public DataWriter dataWriter() {
            return delegate.dataWriter();
        }

        @Override
        public Router router() {
            return delegate.router();
        }

        @Override
        public Optional<ProxyProtocolData> proxyProtocolData() {
            return delegate.proxyProtocolData();
        }

        @Override
        public HelidonSocket serverSocket() {
            return delegate.serverSocket();
        }

        @Override
        public PeerInfo remotePeer() {
            return delegate.remotePeer();
        }

        @Override
        public PeerInfo localPeer() {
            return delegate.localPeer();
        }

        @Override
        public boolean isSecure() {
            return delegate.isSecure();
        }

        @Override
        public String socketId() {
            return delegate.socketId();
        }

        @Override
        public String childSocketId() {
            return delegate.childSocketId();
        }
    }
}
