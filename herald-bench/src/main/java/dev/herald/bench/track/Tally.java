package dev.herald.bench.track;

/**
 * Loss accounting of one subscriber against an {@link Expectation}: expected, received of those, lost, unexpected.
 */
public record Tally(int expected, int received, int lost, int unexpected, int duplicates) {

    public static Tally of(DeliveryTracker t, int published, int[] failedSeqs) {
        int failedSeen = 0;
        int failedInRange = 0;
        for (int seq : failedSeqs) {
            if (seq < published) {
                failedInRange++;
                if (t.seen(seq)) {
                    failedSeen++;
                }
            }
        }
        int expected = published - failedInRange;
        int received = t.receivedBelow(published) - failedSeen;
        return new Tally(expected, received, expected - received, t.distinct() - received, t.duplicates());
    }
}
