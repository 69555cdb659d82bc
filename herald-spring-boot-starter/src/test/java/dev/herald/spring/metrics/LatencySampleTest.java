package dev.herald.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencySampleTest {

    /** Indices (from 0) of the single-delivery writes that were sampled. */
    private static List<Integer> sampledOf(LatencySample sample, int writes) {
        List<Integer> sampled = new ArrayList<>();
        for (int i = 0; i < writes; i++) {
            if (sample.take(1)) {
                sampled.add(i);
            }
        }
        return sampled;
    }

    @Test
    void takesTheFirstDeliveryAndThenOneInEvery() {
        assertThat(sampledOf(new LatencySample(8), 25)).containsExactly(0, 8, 16, 24);
    }

    @Test
    void oneInOneIsEveryDelivery() {
        assertThat(sampledOf(new LatencySample(1), 5)).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void aWriteOfSeveralDeliveriesIsSampledWhenItCoversASampledOne() {
        LatencySample sample = new LatencySample(8);
        assertThat(sample.take(3)).as("deliveries 0-2").isTrue();
        assertThat(sample.take(5)).as("deliveries 3-7").isFalse();
        assertThat(sample.take(1)).as("delivery 8").isTrue();
        assertThat(sample.take(6)).as("deliveries 9-14").isFalse();
        assertThat(sample.take(2)).as("deliveries 15-16").isTrue();
        assertThat(sample.take(7)).as("deliveries 17-23").isFalse();
        assertThat(sample.take(20)).as("deliveries 24-43, one record for the write").isTrue();
    }

    @Test
    void refusesAShareBelowOne() {
        assertThatThrownBy(() -> new LatencySample(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
