package dev.herald.core.presence;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Names one node (one hub process) among the nodes of a hub: in the subscriptions list, as the
 * {@code node} tag of the metrics, in the connection log and in the Redis presence keys. Two live
 * nodes of one hub must not share a name, or their presence entries overwrite each other.
 *
 * @param value letters, digits and {@code . _ : -}, at most 128 characters
 */
public record NodeId(String value) {

    public static final int MAX_LENGTH = 128;

    public NodeId {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a node id must have 1 to " + MAX_LENGTH + " characters, not " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == ':' || c == '-');
            if (!allowed) {
                throw new IllegalArgumentException("a node id may hold only letters, digits and . _ : - (not '" + c
                        + "' in '" + value + "')");
            }
        }
    }

    /**
     * The default name of a node: {@code <host>:<port>} when the node listens on a fixed port (stable
     * across restarts, so a restarted node takes over its own entries and metric series), else
     * {@code <host>-<random>} (port 0: several nodes of one host, as in tests, must still differ).
     */
    public static NodeId defaultFor(int port) {
        String host = sanitized(hostName());
        if (port > 0) {
            return new NodeId(host + ":" + port);
        }
        return new NodeId(host + "-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36));
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "node";
        }
    }

    private static String sanitized(String host) {
        StringBuilder out = new StringBuilder(host.length());
        for (int i = 0; i < host.length() && out.length() < MAX_LENGTH - 16; i++) {
            char c = host.charAt(i);
            out.append(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-') ? c : '-');
        }
        return out.isEmpty() ? "node" : out.toString();
    }

    @Override
    public String toString() {
        return value;
    }
}
