package dev.herald.redis;

import dev.herald.core.log.EventLog;
import dev.herald.core.log.EventLogContract;
import dev.herald.core.log.RetentionPolicy;
import dev.herald.redis.testing.RedisServerExtension;
import dev.herald.redis.testing.TestLogs;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared EventLog contract against a real redis-server; each test gets a key prefix of its own. */
class RedisEventLogContractTest extends EventLogContract {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private String prefix;

    @Override
    protected EventLog newLog(RetentionPolicy retention) {
        prefix = TestLogs.freshPrefix();
        return new RedisEventLog(TestLogs.settings(redis.url(), prefix, retention));
    }

    /** Redis outlives the node: a new log object on the same keys is the same log. */
    @Override
    protected Optional<EventLog> reopen(EventLog previous, RetentionPolicy retention) {
        previous.close();
        return Optional.of(new RedisEventLog(TestLogs.settings(redis.url(), prefix, retention)));
    }
}
