package dev.herald.redis.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link RedisServer} for a whole test class, started before its first test and killed after
 * its last: {@code @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();}
 * Tests share the process, not the data: each uses its own key prefix.
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {

    private RedisServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = RedisServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    public RedisServer server() {
        return server;
    }

    public String url() {
        return server.url();
    }
}
