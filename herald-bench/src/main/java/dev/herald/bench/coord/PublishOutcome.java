package dev.herald.bench.coord;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What a publishing phase did: requests sent, acknowledged (2xx) and failed, when sending started and ended
 * (epoch micros), the request → acknowledgement latency in microseconds, and which events failed, as seqs for a
 * broadcast or {@code (user << 32) | seq} when targeted; {@code broadcastSendMicros[seq]} is the send stamp of each
 * broadcast event (-1: not sent); {@code gaveUp} when publishing stopped at {@code --max-publish-failures}.
 */
public record PublishOutcome(
        long sent,
        long acked,
        long failed,
        long firstSendMicros,
        long lastAckMicros,
        Histogram ackLatency,
        List<Long> failedKeys,
        long[] broadcastSendMicros,
        boolean gaveUp,
        String lastError) {

    public double seconds() {
        return sent == 0 ? 0 : Math.max(1, lastAckMicros - firstSendMicros) / 1e6;
    }
}
