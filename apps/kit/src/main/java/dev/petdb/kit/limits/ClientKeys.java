package dev.petdb.kit.limits;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.petdb.kit.config.TrustedProxies;
import dev.petdb.kit.http.Fingerprints;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.webserver.http.RoutingRequest;

/**
 * Which client a request counts against. With {@code Authorization: Bearer}, its token, kept only as a hash, so every
 * device of a user behind one carrier NAT has its own budget; otherwise the address it comes from. Dokku's nginx
 * connects from its own address and names the client in {@code X-Forwarded-For}; that header is read only when the
 * connection comes from a trusted proxy, and then only its last entry, the one that proxy wrote (anything before it
 * came from the client).
 */
final class ClientKeys {
    /** The longest address text: an IPv6 address with an IPv4 tail. */
    private static final int MAX_ADDRESS = 45;
    private static final String BEARER = "Bearer ";

    private final TrustedProxies trustedProxies;

    /**
     * @param trustedProxies the peers whose X-Forwarded-For is believed
     */
    ClientKeys(TrustedProxies trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    /**
     * @param request a request
     * @return its client's key: {@code t:} and the token's hash, or {@code a:} and an address
     */
    String key(RoutingRequest request) {
        ServerRequestHeaders headers = request.headers();
        if (headers.contains(HeaderNames.AUTHORIZATION)) {
            String authorization = headers.get(HeaderNames.AUTHORIZATION).get();
            if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    && authorization.length() > BEARER.length()) {
                return "t:" + Fingerprints.of(authorization.substring(BEARER.length()).strip()
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        SocketAddress socket = request.remotePeer().address();
        InetAddress peer = socket instanceof InetSocketAddress inet ? inet.getAddress() : null;
        if (peer == null) {
            return "a:" + socket;
        }
        if (headers.contains(HeaderNames.X_FORWARDED_FOR) && trustedProxies.contains(peer)) {
            String forwarded = lastForwarded(headers.all(HeaderNames.X_FORWARDED_FOR, List::of));
            if (forwarded != null) {
                return "a:" + forwarded;
            }
        }
        return "a:" + peer.getHostAddress();
    }

    /** @return the last entry of the header, or null when it does not look like an address */
    private static String lastForwarded(List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        String last = values.getLast();
        String entry = last.substring(last.lastIndexOf(',') + 1).strip();
        if (entry.isEmpty() || entry.length() > MAX_ADDRESS) {
            return null;
        }
        for (int i = 0; i < entry.length(); i++) {
            char c = entry.charAt(i);
            boolean addressChar = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
                    || c == '.' || c == ':';
            if (!addressChar) {
                return null;
            }
        }
        return entry;
    }
}
