package dev.herald.core.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A free port of 127.0.0.1 in the range the test servers may use (30000-31999), tried from a random
 * start so that test JVMs running side by side seldom pick the same one.
 */
public final class FreePorts {

    public static final int FIRST = 30000;
    public static final int LAST = 31999;

    private FreePorts() {
    }

    public static int next() {
        int span = LAST - FIRST + 1;
        int start = ThreadLocalRandom.current().nextInt(span);
        for (int i = 0; i < span; i++) {
            int port = FIRST + (start + i) % span;
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                return port;
            } catch (IOException taken) {
                // try the next one
            }
        }
        throw new IllegalStateException("no free port of 127.0.0.1 in " + FIRST + "-" + LAST);
    }
}
