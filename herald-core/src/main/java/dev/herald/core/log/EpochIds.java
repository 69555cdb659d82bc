package dev.herald.core.log;

import dev.herald.core.event.EventId;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The id scheme of logs that number their events themselves (in memory, embedded): a generated id
 * reads {@code <epoch>-<position>}, where the epoch is a random word drawn for each history of the
 * log. An id that is not in the log can then be told apart: ours but trimmed, from another history,
 * or never issued.
 */
public final class EpochIds {

    private static final Pattern EPOCH_SHAPE = Pattern.compile("[0-9a-z]{7,9}");

    private EpochIds() {
    }

    /** A fresh epoch: 8 or 9 base-36 characters. */
    public static String drawEpoch() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 45), 36);
    }

    /** The id generated for an event at {@code position} in the history {@code epoch}. */
    public static EventId generated(String epoch, long position) {
        return new EventId(epoch + "-" + position);
    }

    /**
     * Why a log does not hold an id.
     *
     * @param currentEpoch  the log's epoch now
     * @param firstRetained the position of the oldest event the log still holds (or would hold next)
     */
    public static ResetReason classify(EventId id, String currentEpoch, long firstRetained) {
        String value = id.value();
        int dash = value.lastIndexOf('-');
        if (dash < 0) {
            return ResetReason.UNKNOWN;
        }
        String prefix = value.substring(0, dash);
        long position;
        try {
            position = Long.parseLong(value.substring(dash + 1));
        } catch (NumberFormatException notGenerated) {
            return ResetReason.UNKNOWN;
        }
        if (prefix.equals(currentEpoch)) {
            return position < firstRetained ? ResetReason.EXPIRED : ResetReason.UNKNOWN;
        }
        return EPOCH_SHAPE.matcher(prefix).matches() ? ResetReason.OTHER_EPOCH : ResetReason.UNKNOWN;
    }
}
