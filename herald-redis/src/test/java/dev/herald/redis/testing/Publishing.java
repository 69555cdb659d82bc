package dev.herald.redis.testing;

import dev.herald.core.event.Publication;
import dev.herald.core.log.DuplicateEventIdException;
import dev.herald.core.log.EventLog;
import dev.herald.core.log.LogUnavailableException;
import java.time.Duration;
import org.awaitility.Awaitility;

/** How a careful publisher behaves across outages: retry with its own id until stored. */
public final class Publishing {

    private Publishing() {
    }

    /**
     * Appends a publication that has its own id, retrying while the log is unavailable. A duplicate
     * means an earlier attempt was stored although its reply was lost: stored all the same.
     */
    public static void appendUntilStored(EventLog log, Publication publication, Duration atMost) {
        if (publication.id().isEmpty()) {
            throw new IllegalArgumentException("retrying safely needs an own id");
        }
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> {
            try {
                log.append(publication);
                return true;
            } catch (LogUnavailableException down) {
                return false;
            } catch (DuplicateEventIdException earlierAttemptStored) {
                return true;
            }
        });
    }
}
