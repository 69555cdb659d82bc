package dev.herald.bench.coord;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What a publishing phase did: requests sent, acknowledged (2xx) and failed, when sending started and ended
 * (epoch micros), the request → acknowledgement latency in microseconds, and which events failed, as seqs for a
 * broadcast or {@code (user << 32) | seq} when targeted.
 */
public record PublishOutcome(
        long sent,
        long acked,
        long failed,
        long firstSendMicros,
        long lastAckMicros,
        Histogram ackLatency,
        List<Long> failedKeys,
        String lastError) {

    public double seconds() {
        return sent == 0 ? 0 : Math.max(1, lastAckMicros - firstSendMicros) / 1e6;
    }
}
