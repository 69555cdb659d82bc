package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh {@link ScriptedSseServer} for each test, closed after it; a test fails when the server's
 * script saw anything it did not expect.
 */
abstract class ScriptedServerTest {

    protected ScriptedSseServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new ScriptedSseServer();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
        assertThat(server.scriptFailures()).isEmpty();
    }
}
