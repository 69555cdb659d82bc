package dev.herald.bench.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The reconnect storm's catch-up rule: every acknowledged event stamped before the reconnect, time from the reconnect. */
class CatchUpTest {

    // seqs 0..5 stamped at 100, 200, ... 600 µs
    private static final long[] STAMPS = {100, 200, 300, 400, 500, 600};
    private static final Published ALL_ACKED = new Published(STAMPS, new int[0]);

    private static DeliveryTracker received(int... seqs) {
        DeliveryTracker t = new DeliveryTracker();
        for (int seq : seqs) {
            t.record(seq);
        }
        return t;
    }

    @Test
    void caughtUpWhenEveryEventStampedBeforeTheReconnectIsHeldTimedFromTheReconnect() {
        // reconnect at 350: seqs 0..2 are required; 3..5 were published after it and do not matter
        OptionalLong t = CatchUp.micros(received(0, 1, 2), 350, 1_350, ALL_ACKED);
        assertThat(t).hasValue(1_000);
    }

    @Test
    void oneMissingEventFromBeforeTheReconnectMeansNeverCaughtUp() {
        assertThat(CatchUp.micros(received(0, 2, 3, 4, 5), 350, 1_350, ALL_ACKED)).isEmpty();
    }

    @Test
    void eventsPublishedAfterTheReconnectAreNotRequired() {
        // the old rule wanted a live event after the reconnect; a stream that reconnected after the last publish
        // holds everything and has caught up at once
        assertThat(CatchUp.micros(received(0, 1, 2, 3, 4, 5), 10_000, -1, ALL_ACKED)).hasValue(0);
    }

    @Test
    void nothingMissedMeansCaughtUpAtTheReconnect() {
        // no event arrived after the reconnect that was stamped before it: the stream already held them all
        assertThat(CatchUp.micros(received(0, 1), 250, -1, ALL_ACKED)).hasValue(0);
    }

    @Test
    void anEventStampedExactlyAtTheReconnectIsNotRequired() {
        assertThat(CatchUp.micros(received(0, 1), 300, -1, ALL_ACKED)).hasValue(0);
        assertThat(CatchUp.micros(received(0, 1), 301, -1, ALL_ACKED)).isEmpty();
    }

    @Test
    void failedOrUnsentPublishesAreNotRequired() {
        Published published = new Published(new long[] {100, 200, -1, 400}, new int[] {1});
        // 1 failed, 2 never sent: only 0 and 3 are required before 1,000
        assertThat(CatchUp.micros(received(0, 3), 1_000, 1_800, published)).hasValue(800);
        assertThat(CatchUp.micros(received(0), 1_000, 1_800, published)).isEmpty();
    }

    @Test
    void aStreamThatNeverReconnectedNeverCaughtUp() {
        assertThat(CatchUp.micros(received(0, 1, 2, 3, 4, 5), -1, -1, ALL_ACKED)).isEmpty();
    }
}
