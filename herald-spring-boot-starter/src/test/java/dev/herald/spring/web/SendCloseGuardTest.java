package dev.herald.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SendCloseGuardTest {

    private final AtomicInteger completions = new AtomicInteger();
    private final SendCloseGuard guard = new SendCloseGuard(completions::incrementAndGet);

    @Test
    void aWriteTheContainerRefusesIsAnIOException() {
        IllegalStateException refused = new IllegalStateException("response already completed");

        assertThatThrownBy(() -> guard.send(() -> {
            throw refused;
        })).isInstanceOf(IOException.class).hasMessage("the stream can no longer be written: " + refused).hasCause(refused);
    }

    @Test
    void aCloseDuringASendCompletesOnceTheSendReturns() throws IOException {
        guard.send(() -> {
            guard.close();
            assertThat(completions).hasValue(0);
        });

        assertThat(completions).hasValue(1);
        assertThatThrownBy(() -> guard.send(() -> { })).isInstanceOf(IOException.class).hasMessage("the stream is closed");
    }
}
