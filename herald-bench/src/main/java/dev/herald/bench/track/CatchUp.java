package dev.herald.bench.track;

import java.util.OptionalLong;

/**
 * When a stream that was dropped in the reconnect storm has caught up.
 *
 * <p>The rule: the stream <em>reconnects</em> at R, the moment its first connection attempt after the drop goes out
 * (with {@code Last-Event-ID}). It is <em>caught up</em> at the first moment it holds every acknowledged event that was
 * published (stamped by the publisher) before R, whether it got them live before the drop or replayed after; its
 * catch-up time is that moment − R, and 0 when it already held all of them at R (nothing was published while it was
 * away). A stream that never reconnected, or that still misses one of those events at the end of the run, never caught
 * up. Nothing depends on events published after R, so a stream counts however late publishing stops.
 *
 * <p>The moment is known without a per-event clock: events stamped before R that arrive after R are exactly the ones
 * it was missing, so the stream only needs to remember when the last of them arrived for the first time
 * ({@code lastBackfillMicros}, -1 if none did).
 */
public final class CatchUp {

    private CatchUp() {}

    /** Catch-up time in µs, or empty if the stream never caught up (or never reconnected: {@code reconnectMicros < 0}). */
    public static OptionalLong micros(DeliveryTracker received, long reconnectMicros, long lastBackfillMicros,
                                      Published published) {
        if (reconnectMicros < 0) {
            return OptionalLong.empty();
        }
        for (int seq = 0; seq < published.count(); seq++) {
            if (published.ackedBefore(seq, reconnectMicros) && !received.seen(seq)) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(Math.max(0, lastBackfillMicros - reconnectMicros));
    }
}
