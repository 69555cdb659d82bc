package dev.herald.redis.hub;

/**
 * A Herald node in a JVM of its own, so that a test can {@code kill -9} it: the arguments are the
 * node's name, the Redis URL, the key prefix and more {@code key=value} properties. Prints
 * {@code port <n>} once it serves, then runs until killed.
 */
public final class HubNodeMain {

    private HubNodeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String[] more = java.util.Arrays.copyOfRange(args, 3, args.length);
        HubNode node = HubNode.start(args[0], args[1], args[2], more);
        System.out.println("port " + node.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
