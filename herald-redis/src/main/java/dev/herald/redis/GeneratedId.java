package dev.herald.redis;

import dev.herald.core.event.EventId;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The id codec: an id the log generates is {@code <epoch>-<millis>-<sequence>}, the epoch of the
 * log's life and the entry's stream id. Any node can turn such an id back into a stream id without
 * a lookup, and ids order the same way on every node because stream ids do.
 *
 * <p>Publishers may choose their own ids, except ids of this shape ({@code [0-9a-z]{7,9}-<13+
 * digits>-<digits>}): those are reserved, or a publisher's id could one day equal an id the log
 * generates.
 */
public record GeneratedId(Epoch epoch, StreamId streamId) {

    /**
     * Canonical numbers only, and millis of at least 13 digits (every Redis clock reading since
     * 2001), so that ids such as {@code invoice-2026-05} stay free for publishers.
     */
    private static final Pattern SHAPE = Pattern.compile(
            "(" + Epoch.SHAPE.pattern() + ")-([1-9][0-9]{12,18})-(0|[1-9][0-9]{0,18})");

    public EventId eventId() {
        return new EventId(epoch.value() + "-" + streamId);
    }

    /** The generated id this is, or empty for a publisher's own id (or one that does not fit a stream id). */
    public static Optional<GeneratedId> parse(EventId id) {
        Matcher matcher = SHAPE.matcher(id.value());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            StreamId streamId = new StreamId(Long.parseLong(matcher.group(2)), Long.parseLong(matcher.group(3)));
            return Optional.of(new GeneratedId(new Epoch(matcher.group(1)), streamId));
        } catch (IllegalArgumentException outOfRange) {
            // NumberFormatException included: digits, but not a stream id any log could have issued
            return Optional.empty();
        }
    }

    /** Whether a publisher's id has the reserved shape of a generated one. */
    public static boolean isReserved(EventId id) {
        return SHAPE.matcher(id.value()).matches();
    }
}
