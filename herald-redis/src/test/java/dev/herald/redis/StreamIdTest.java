package dev.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.event.EventId;
import org.junit.jupiter.api.Test;

class StreamIdTest {

    @Test
    void positionsOrderLikeStreamIds() {
        StreamId[] ordered = {
            StreamId.ZERO, new StreamId(0, 1), new StreamId(1, 0), new StreamId(1_795_000_000_000L, 0),
            new StreamId(1_795_000_000_000L, StreamId.MAX_SEQUENCE), new StreamId(1_795_000_000_001L, 0),
            new StreamId(StreamId.MAX_MILLIS, StreamId.MAX_SEQUENCE)};
        for (int i = 1; i < ordered.length; i++) {
            assertThat(ordered[i]).isGreaterThan(ordered[i - 1]);
            assertThat(ordered[i].toPosition().isAfter(ordered[i - 1].toPosition())).as("%s after %s", ordered[i], ordered[i - 1]).isTrue();
            assertThat(StreamId.fromPosition(ordered[i].toPosition())).isEqualTo(ordered[i]);
        }
    }

    @Test
    void parsesAndPrintsRedisIds() {
        StreamId id = StreamId.parse("1795315810928-3");
        assertThat(id).isEqualTo(new StreamId(1_795_315_810_928L, 3));
        assertThat(id.toString()).isEqualTo("1795315810928-3");
        assertThatThrownBy(() -> StreamId.parse("1795315810928")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StreamId.parse("x-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSequenceThatDoesNotFitIsRefusedNotWrapped() {
        assertThatThrownBy(() -> new StreamId(1, StreamId.MAX_SEQUENCE + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamId(StreamId.MAX_MILLIS + 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generatedIdsRoundTripAndPublisherIdsAreNotMistakenForThem() {
        GeneratedId generated = new GeneratedId(new Epoch("k3j4h5g6"), new StreamId(1_795_315_810_928L, 7));
        assertThat(generated.eventId()).isEqualTo(EventId.of("k3j4h5g6-1795315810928-7"));
        assertThat(GeneratedId.parse(generated.eventId())).contains(generated);
        assertThat(GeneratedId.parse(EventId.of("order-42"))).isEmpty();
        assertThat(GeneratedId.parse(EventId.of("invoice-2026-05"))).isEmpty();
        assertThat(GeneratedId.parse(EventId.of("k3j4h5g6-17"))).isEmpty();
        assertThat(GeneratedId.isReserved(EventId.of("invoice1-1795315810928-0"))).isTrue();
        assertThat(GeneratedId.isReserved(EventId.of("invoice-2026-05"))).isFalse();
        assertThat(GeneratedId.isReserved(EventId.of("k3j4h5g6-01795315810928-0"))).isFalse();
    }
}
