package dev.herald.bench.track;

import java.util.BitSet;

/**
 * Which sequence numbers one subscriber has received, across all of its reconnections: a bit per sequence number,
 * a duplicate counter and the length of the gap-free prefix (advanced lazily, so amortised O(1) per event).
 * Owned by one I/O thread; not thread-safe.
 */
public final class DeliveryTracker {

    private final BitSet seen = new BitSet();
    private int distinct;
    private int duplicates;
    private int maxSeq = -1;
    private int prefix; // [0, prefix) all seen

    /** Records {@code seq}; {@code false} if it had been received before (a duplicate). */
    public boolean record(int seq) {
        if (seq < 0) {
            throw new IllegalArgumentException("negative seq " + seq);
        }
        if (seen.get(seq)) {
            duplicates++;
            return false;
        }
        seen.set(seq);
        distinct++;
        if (seq > maxSeq) {
            maxSeq = seq;
        }
        while (seen.get(prefix)) {
            prefix++;
        }
        return true;
    }

    /** No hole below the highest sequence number seen so far. */
    public boolean gapFree() {
        return prefix > maxSeq;
    }

    public boolean seen(int seq) {
        return seen.get(seq);
    }

    /** How many of {@code [0, n)} were received. */
    public int receivedBelow(int n) {
        if (n <= 0) {
            return 0;
        }
        if (n <= prefix) {
            return n;
        }
        return seen.get(0, n).cardinality();
    }

    public int distinct() {
        return distinct;
    }

    public int duplicates() {
        return duplicates;
    }

    public int maxSeq() {
        return maxSeq;
    }
}
