package dev.herald.bench.track;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The broadcast events of a run as the publisher saw them: the send stamp (epoch µs, the one written into the payload)
 * of each sequence number, and which of them were not acknowledged. A seq that was never sent has stamp {@code -1}.
 */
public final class Published {

    private final long[] sendMicros;
    private final BitSet failed = new BitSet();

    public Published(long[] sendMicros, int[] failedSeqs) {
        this.sendMicros = sendMicros.clone();
        for (int seq : failedSeqs) {
            if (seq >= 0) {
                failed.set(seq);
            }
        }
    }

    /** Acknowledged and stamped strictly before {@code micros}. */
    public boolean ackedBefore(int seq, long micros) {
        long sent = sendMicros[seq];
        return sent >= 0 && sent < micros && !failed.get(seq);
    }

    public int count() {
        return sendMicros.length;
    }

    @Override
    public String toString() {
        return "Published" + Arrays.toString(sendMicros) + " failed " + failed;
    }
}
