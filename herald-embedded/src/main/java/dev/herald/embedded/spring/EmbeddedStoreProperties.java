package dev.herald.embedded.spring;

import dev.herald.core.log.RetentionPolicy;
import dev.herald.embedded.FlushPolicy;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code herald.store.*} properties of the embedded store, read when
 * {@code herald.store.type=embedded}. {@code max-events} and {@code max-age} are the same
 * properties the starter reads for every store, bound here too (same names, same defaults).
 *
 * @param path                the directory of the store file, created if missing; a relative path
 *                            is resolved against the working directory of the process, so set an
 *                            absolute one in production (a container volume, for instance)
 * @param maxEvents           events kept for replay at most
 * @param maxAge              events older than this are dropped
 * @param flush               {@code group} (default): appends wait for a shared sync every
 *                            {@code group-commit-interval}; {@code always}: one sync per append.
 *                            Under both an acknowledged event survives {@code kill -9} and power loss.
 * @param groupCommitInterval the least time between two syncs under {@code flush=group}: every
 *                            append waits up to this long plus one sync; {@code 0} syncs back to back
 */
@ConfigurationProperties("herald.store")
public record EmbeddedStoreProperties(
        @DefaultValue("./data") String path,
        @DefaultValue("10000") int maxEvents,
        @DefaultValue("1h") Duration maxAge,
        @DefaultValue("group") Flush flush,
        @DefaultValue("1ms") Duration groupCommitInterval) {

    /** When an append is acknowledged. */
    public enum Flush {
        /** Group commit: many appends share one sync. */
        GROUP,
        /** One sync per append. */
        ALWAYS
    }

    public EmbeddedStoreProperties {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("herald.store.path must name a directory, e.g. ./data");
        }
        if (maxEvents < 1) {
            throw new IllegalArgumentException("herald.store.max-events must be at least 1, not " + maxEvents);
        }
        if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("herald.store.max-age must be a positive duration, not " + maxAge);
        }
        if (flush == null) {
            throw new IllegalArgumentException("herald.store.flush must be 'group' or 'always'");
        }
        if (groupCommitInterval == null || groupCommitInterval.isNegative() || groupCommitInterval.toMillis() > 1_000) {
            throw new IllegalArgumentException(
                    "herald.store.group-commit-interval must be between 0 and 1s, not " + groupCommitInterval);
        }
    }

    public Path directory() {
        return Path.of(path);
    }

    public RetentionPolicy retention() {
        return new RetentionPolicy(maxEvents, maxAge);
    }

    public FlushPolicy flushPolicy() {
        return switch (flush) {
            case GROUP -> FlushPolicy.group(groupCommitInterval);
            case ALWAYS -> FlushPolicy.always();
        };
    }
}
