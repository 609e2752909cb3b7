package dev.petdb.kit.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The peers whose {@code X-Forwarded-For} is believed: addresses and CIDR ranges, read from
 * {@code RATE_LIMIT_TRUSTED_PROXIES}. Any other peer could write whatever client address it likes into that header.
 */
public final class TrustedProxies {
    /** Loopback and the range Docker takes its bridge networks from, where Dokku's nginx reaches a container. */
    public static final String DEFAULT = "127.0.0.0/8,::1,172.16.0.0/12";

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
            + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            int mask = (0xff << (8 - rest)) & 0xff;
            return rest == 0 || (address[whole] & mask) == (network[whole] & mask);
        }
    }

    private final List<Range> ranges;
    private final String text;

    private TrustedProxies(List<Range> ranges, String text) {
        this.ranges = List.copyOf(ranges);
        this.text = text;
    }

    /**
     * @param setting the variable's name, for the message
     * @param text    {@code none}, or addresses and ranges separated by commas: {@code 127.0.0.1,172.16.0.0/12}
     * @return the proxies
     * @throws StartupException naming the setting and the entry that is neither an address nor a range
     */
    public static TrustedProxies parse(String setting, String text) {
        String trimmed = text.strip();
        List<Range> ranges = new ArrayList<>();
        if (!trimmed.equals("none")) {
            for (String entry : trimmed.split(",", -1)) {
                ranges.add(range(setting, entry.strip()));
            }
        }
        return new TrustedProxies(ranges, trimmed);
    }

    /**
     * @param peer the address a connection comes from
     * @return whether it is a trusted proxy
     */
    public boolean contains(InetAddress peer) {
        byte[] address = peer.getAddress();
        for (Range range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static Range range(String setting, String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        boolean v4 = IPV4.matcher(address).matches();
        if (!v4 && !IPV6.matcher(address).matches()) {
            throw notAnAddress(setting, entry);
        }
        byte[] network;
        try {
            // a literal only, checked above: no name is ever looked up
            network = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw notAnAddress(setting, entry);
        }
        int bits = network.length * 8;
        if (v4 != (network.length == 4)) {
            throw notAnAddress(setting, entry);
        }
        int prefix = bits;
        if (slash >= 0) {
            String length = entry.substring(slash + 1);
            prefix = length.matches("[0-9]{1,3}") ? Integer.parseInt(length) : -1;
            if (prefix < 0 || prefix > bits) {
                throw notAnAddress(setting, entry);
            }
        }
        return new Range(network, prefix);
    }

    private static StartupException notAnAddress(String setting, String entry) {
        return new StartupException(setting + " must be IP addresses or ranges such as 127.0.0.1 or 172.16.0.0/12, "
                + "separated by commas, or none; '" + entry + "' is neither");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrustedProxies proxies && proxies.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
