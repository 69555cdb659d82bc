package dev.herald.bench.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which loopback addresses the subscribers' sockets bind to. A TCP connection is unique by its 4-tuple, so one source
 * address can only open as many connections to one server port as it has ports; spreading over 127.0.0.2, .3, …
 * (all of 127.0.0.0/8 is local on Linux) lifts that limit. Ports are then chosen by {@link SourcePorts}. Only used
 * when the target itself is a loopback address.
 */
public final class SourceAddresses {

    private SourceAddresses() {}

    /**
     * @param mode {@code auto} (enough addresses for {@code sockets} at {@code perSource} each), {@code none},
     *             a count, or a comma-separated list of addresses
     */
    public static List<String> plan(String mode, String base, long sockets, int perSource, boolean loopbackTarget) {
        if (!loopbackTarget || mode.equals("none")) {
            return List.of();
        }
        if (mode.contains(".") || mode.contains(":")) {
            return List.of(mode.split("\\s*,\\s*"));
        }
        int count = mode.equals("auto")
                ? (int) Math.max(1, (sockets + perSource - 1) / perSource)
                : Integer.parseInt(mode);
        return range(base, count);
    }

    static List<String> range(String base, int count) {
        try {
            byte[] b = InetAddress.getByName(base).getAddress();
            if (b.length != 4 || (b[0] & 0xff) != 127) {
                throw new IllegalArgumentException("--source-base must be an IPv4 loopback address: " + base);
            }
            long first = ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
            List<String> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long v = first + i;
                if (v >= 0xffffffL) {
                    throw new IllegalArgumentException("ran out of 127.0.0.0/8 addresses");
                }
                out.add("127." + ((v >> 16) & 0xff) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff));
            }
            return out;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad --source-base " + base, e);
        }
    }
}
