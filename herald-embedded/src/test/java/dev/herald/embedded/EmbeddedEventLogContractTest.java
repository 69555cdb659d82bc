package dev.herald.embedded;

import dev.herald.core.log.EventLog;
import dev.herald.core.log.EventLogContract;
import dev.herald.core.log.RetentionPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The shared contract, under both flush policies; {@code reopen} is a real close and open. */
class EmbeddedEventLogContractTest {

    abstract static class OnDisk extends EventLogContract {

        @TempDir
        Path root;
        private final AtomicInteger logs = new AtomicInteger();

        abstract FlushPolicy flush();

        @Override
        protected EventLog newLog(RetentionPolicy retention) {
            return EmbeddedEventLog.open(options(root.resolve("log-" + logs.incrementAndGet()), retention));
        }

        @Override
        protected Optional<EventLog> reopen(EventLog previous, RetentionPolicy retention) {
            EmbeddedEventLog embedded = (EmbeddedEventLog) previous;
            Path directory = embedded.options().directory();
            previous.close();
            return Optional.of(EmbeddedEventLog.open(options(directory, retention)));
        }

        private EmbeddedStoreOptions options(Path directory, RetentionPolicy retention) {
            return EmbeddedStoreOptions.in(directory)
                    .withRetention(retention)
                    .withFlush(flush())
                    .withTrimInterval(Duration.ofMillis(50));
        }
    }

    @Nested
    class GroupCommit extends OnDisk {
        @Override
        FlushPolicy flush() {
            return FlushPolicy.DEFAULT;
        }
    }

    @Nested
    class SyncEveryAppend extends OnDisk {
        @Override
        FlushPolicy flush() {
            return FlushPolicy.always();
        }
    }
}
