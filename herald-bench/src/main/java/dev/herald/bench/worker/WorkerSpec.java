package dev.herald.bench.worker;

import java.util.List;

/**
 * Everything a worker needs to run its share of subscribers {@code [fromIndex, toIndex)}: the subscribe request
 * templates (subscriber {@code i} uses URL {@code i mod subscribeUrls.size()}: one per server node), token minting, pacing and retry policy, and the loopback source addresses to spread sockets over, with
 * its lanes of source ports ({@code [firstLane, firstLane + ioThreads)} out of {@code lanes}, see SourcePorts).
 */
public record WorkerSpec(
        int workerId,
        int fromIndex,
        int toIndex,
        int ioThreads,
        List<String> subscribeUrls,
        List<String> subscribeHeaders,
        String userPrefix,
        String jwtSecret,
        List<String> tokenSubscribe,
        long tokenTtlSeconds,
        List<String> sourceAddresses,
        int firstLane,
        int lanes,
        long portSeed,
        double connectRate,
        int maxPendingConnects,
        long connectTimeoutMillis,
        long retryMillis,
        int maxAttempts) {

    public int size() {
        return toIndex - fromIndex;
    }
}
