package dev.herald.embedded;

import dev.herald.core.log.RetentionPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How to open an {@link EmbeddedEventLog}.
 *
 * @param directory    where the store file ({@value #FILE_NAME}) lives; created if missing. One
 *                     process at a time may open it.
 * @param retention    how many events, and how old, the log keeps
 * @param flush        when an append is acknowledged
 * @param trimInterval how often the background trimmer enforces {@code retention}; between two runs
 *                     the log may hold a little more than the policy says
 * @param clock        stamps {@code appendedAt} and decides what is too old
 */
public record EmbeddedStoreOptions(
        Path directory,
        RetentionPolicy retention,
        FlushPolicy flush,
        Duration trimInterval,
        Clock clock) {

    /** The store file inside {@link #directory}. */
    public static final String FILE_NAME = "herald-events.mv";
    public static final Duration DEFAULT_TRIM_INTERVAL = Duration.ofSeconds(1);

    public EmbeddedStoreOptions {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(flush, "flush");
        Objects.requireNonNull(trimInterval, "trimInterval");
        Objects.requireNonNull(clock, "clock");
        if (trimInterval.isNegative() || trimInterval.isZero()) {
            throw new IllegalArgumentException("the trim interval must be positive, not " + trimInterval);
        }
    }

    /** Default retention, group commit, a trim every second, the system clock. */
    public static EmbeddedStoreOptions in(Path directory) {
        return new EmbeddedStoreOptions(directory, RetentionPolicy.DEFAULT, FlushPolicy.DEFAULT,
                DEFAULT_TRIM_INTERVAL, Clock.systemUTC());
    }

    public EmbeddedStoreOptions withRetention(RetentionPolicy newRetention) {
        return new EmbeddedStoreOptions(directory, newRetention, flush, trimInterval, clock);
    }

    public EmbeddedStoreOptions withFlush(FlushPolicy newFlush) {
        return new EmbeddedStoreOptions(directory, retention, newFlush, trimInterval, clock);
    }

    public EmbeddedStoreOptions withTrimInterval(Duration newTrimInterval) {
        return new EmbeddedStoreOptions(directory, retention, flush, newTrimInterval, clock);
    }

    public EmbeddedStoreOptions withClock(Clock newClock) {
        return new EmbeddedStoreOptions(directory, retention, flush, trimInterval, newClock);
    }

    /** The store file. */
    public Path file() {
        return directory.resolve(FILE_NAME);
    }
}
