package dev.herald.bench.net;

import dev.herald.bench.report.Histograms;
import dev.herald.bench.track.CatchUp;
import dev.herald.bench.track.Expectation;
import dev.herald.bench.track.Published;
import dev.herald.bench.track.Tally;
import dev.herald.bench.worker.WorkerResult;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * End-of-run accounting of one loop's subscribers against the {@link Expectation}: run on the loop's thread
 * (it reads the connections' trackers) once publishing and draining are over.
 */
public final class LoopAccounting {

    private static final int[] NONE = new int[0];

    private LoopAccounting() {}

    public static WorkerResult account(IoLoop loop, Expectation expectation) {
        int accountable = 0;
        long expected = 0;
        long received = 0;
        long lost = 0;
        long unexpected = 0;
        int withLoss = 0;
        int withDuplicates = 0;
        int caughtUp = 0;
        int notCaughtUp = 0;
        long firstStream = -1;
        long lastStream = -1;
        Published published = expectation instanceof Expectation.Everyone e ? e.publishedEvents() : null;
        for (SseConnection c : loop.connections()) {
            if (c.firstStreamMicros >= 0) {
                firstStream = firstStream < 0 ? c.firstStreamMicros : Math.min(firstStream, c.firstStreamMicros);
                lastStream = Math.max(lastStream, c.firstStreamMicros);
            }
            if (c.dropped) {
                OptionalLong catchUp = published == null ? OptionalLong.empty()
                        : CatchUp.micros(c.tracker, c.reconnectMicros, c.lastBackfillMicros, published);
                if (catchUp.isPresent()) {
                    caughtUp++;
                    loop.recordCatchUp(catchUp.getAsLong());
                } else {
                    notCaughtUp++;
                }
            }
            if (c.tracker.duplicates() > 0) {
                withDuplicates++;
            }
            Tally t = tally(c, expectation);
            if (t == null) {
                continue;
            }
            accountable++;
            expected += t.expected();
            received += t.received();
            lost += t.lost();
            unexpected += t.unexpected();
            if (t.lost() > 0) {
                withLoss++;
            }
        }
        return new WorkerResult(loop.tallyNow(), accountable, expected, received, lost, unexpected, withLoss,
                withDuplicates, caughtUp, notCaughtUp, firstStream, lastStream,
                Histograms.encode(loop.latency()), Histograms.encode(loop.catchUp()));
    }

    private static Tally tally(SseConnection c, Expectation expectation) {
        return switch (expectation) {
            case Expectation.Nothing n -> null;
            case Expectation.Everyone e -> subscribedBefore(c, e.publishStartMicros())
                    ? Tally.of(c.tracker, e.published(), e.failedSeqs())
                    : null;
            case Expectation.PerConnection p -> {
                int k = c.index - p.fromIndex();
                if (k < 0 || k >= p.published().length || !subscribedBefore(c, p.publishStartMicros())) {
                    yield null;
                }
                int[] failed = p.failed().length == 0 ? NONE : Arrays.stream(p.failed())
                        .filter(f -> (int) (f >>> 32) == c.index)
                        .mapToInt(f -> (int) f)
                        .toArray();
                yield Tally.of(c.tracker, p.published()[k], failed);
            }
        };
    }

    private static boolean subscribedBefore(SseConnection c, long publishStartMicros) {
        return c.firstStreamMicros >= 0 && c.firstStreamMicros <= publishStartMicros;
    }
}
