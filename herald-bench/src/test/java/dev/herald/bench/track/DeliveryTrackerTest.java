package dev.herald.bench.track;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryTrackerTest {

    @Test
    void countsDuplicatesGapsAndLoss() {
        DeliveryTracker t = new DeliveryTracker();
        assertThat(t.record(0)).isTrue();
        assertThat(t.record(2)).isTrue();
        assertThat(t.gapFree()).isFalse();
        assertThat(t.record(2)).isFalse();
        assertThat(t.record(1)).isTrue();
        assertThat(t.gapFree()).isTrue();
        t.record(5);
        assertThat(t.distinct()).isEqualTo(4);
        assertThat(t.duplicates()).isEqualTo(1);

        Tally tally = Tally.of(t, 7, new int[] {6});
        assertThat(tally.expected()).isEqualTo(6);   // 0..6 without the failed 6
        assertThat(tally.received()).isEqualTo(4);   // 0,1,2,5
        assertThat(tally.lost()).isEqualTo(2);       // 3,4
        assertThat(tally.unexpected()).isZero();
        assertThat(tally.duplicates()).isEqualTo(1);
    }

    @Test
    void failedPublishThatArrivedAnywayIsUnexpectedNotLost() {
        DeliveryTracker t = new DeliveryTracker();
        for (int i = 0; i < 3; i++) {
            t.record(i);
        }
        Tally tally = Tally.of(t, 3, new int[] {1});
        assertThat(tally.lost()).isZero();
        assertThat(tally.received()).isEqualTo(2);
        assertThat(tally.unexpected()).isEqualTo(1);
    }
}
