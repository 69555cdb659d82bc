package dev.herald.bench.track;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What each subscriber should have received, told to the workers once publishing is over. Only subscribers whose
 * stream was open when publishing started ({@code publishStartMicros}) are held to it; failed publishes (no 2xx) are
 * not expected (if they arrive anyway they count as "unexpected", not as lost).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Expectation.Nothing.class, name = "nothing"),
        @JsonSubTypes.Type(value = Expectation.Everyone.class, name = "everyone"),
        @JsonSubTypes.Type(value = Expectation.PerConnection.class, name = "per-connection")
})
public sealed interface Expectation {

    /** Nothing published (idle). */
    record Nothing() implements Expectation {}

    /**
     * Every subscriber expects seqs {@code [0, published)} except {@code failedSeqs} (broadcast, reconnect storm);
     * {@code sendMicros[seq]} is the publisher's stamp of each (-1: never sent), which the reconnect storm's
     * {@link CatchUp} rule needs.
     */
    record Everyone(long publishStartMicros, int published, int[] failedSeqs, long[] sendMicros)
            implements Expectation {

        public Published publishedEvents() {
            return new Published(sendMicros, failedSeqs);
        }
    }

    /**
     * Connection {@code fromIndex + k} expects its own seqs {@code [0, published[k])}, except the failed ones, given as
     * {@code (index << 32) | seq} (targeted).
     */
    record PerConnection(long publishStartMicros, int fromIndex, int[] published, long[] failed) implements Expectation {

        public PerConnection slice(int from, int to) {
            int[] part = java.util.Arrays.copyOfRange(published, from - fromIndex, to - fromIndex);
            long[] failedPart = java.util.Arrays.stream(failed)
                    .filter(f -> (int) (f >>> 32) >= from && (int) (f >>> 32) < to)
                    .toArray();
            return new PerConnection(publishStartMicros, from, part, failedPart);
        }
    }
}
