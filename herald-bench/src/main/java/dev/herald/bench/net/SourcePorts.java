package dev.herald.bench.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Explicit local ports for the sockets of one I/O loop. Binding to a source address with port 0 makes the kernel
 * search for a free port on every bind, which grows with the ports already taken (measured here: 2.5 ms of system
 * time per connection at 6,000, a tenth of the connect rate); choosing the port ourselves keeps connecting O(1).
 * Ports 20000–60999 of each source address are split into one lane per I/O loop of every worker process, so no two
 * loops ever pick the same (address, port); a lane cycles through its ports from a random start, so consecutive runs
 * do not fall on each other's TIME_WAIT sockets. A port someone else holds just fails to bind: the caller tries the
 * next one. Loop-confined, not thread-safe.
 */
final class SourcePorts {

    static final int LOW = 20_000;
    static final int HIGH = 61_000;

    private final InetAddress[] addresses;
    private final int first;
    private final int width;
    private final int[] cursor;

    SourcePorts(List<String> addresses, int lane, int lanes, long seed) {
        this.addresses = addresses.stream().map(SourcePorts::address).toArray(InetAddress[]::new);
        this.width = Math.max(1, (HIGH - LOW) / Math.max(1, lanes));
        this.first = LOW + Math.floorMod(lane, Math.max(1, lanes)) * width;
        this.cursor = new int[this.addresses.length];
        for (int i = 0; i < cursor.length; i++) {
            cursor[i] = (int) Math.floorMod(seed * 31 + i * 7919L, width);
        }
    }

    boolean enabled() {
        return addresses.length > 0;
    }

    /** The next (address, port) for subscriber {@code index}; addresses go round-robin by index. */
    InetSocketAddress next(int index) {
        int a = Math.floorMod(index, addresses.length);
        int port = first + cursor[a];
        cursor[a] = (cursor[a] + 1) % width;
        return new InetSocketAddress(addresses[a], port);
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad source address " + text, e);
        }
    }
}
