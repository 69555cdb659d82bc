package dev.herald.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * EmitterSink's close: never waits for a send (the emitter's complete() takes the send's lock), yet
 * the emitter is completed exactly once, as soon as no send is under way.
 */
class EmitterSinkTest {

    /** An emitter whose sends block until released, like a write to a client that stopped reading. */
    static final class BlockingEmitter extends SseEmitter {
        final CountDownLatch sending = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger completions = new AtomicInteger();
        volatile boolean block;

        @Override
        public void send(Set<DataWithMediaType> items) throws IOException {
            sending.countDown();
            if (block) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void complete() {
            completions.incrementAndGet();
        }
    }

    @Test
    void closeDuringBlockedSendReturnsAtOnceAndCompletesAfterTheSend() throws Exception {
        BlockingEmitter emitter = new BlockingEmitter();
        emitter.block = true;
        EmitterSink sink = new EmitterSink(emitter);
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                sink.send(new byte[] {'x'});
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(emitter.sending.await(5, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        sink.close();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
        assertThat(emitter.completions).hasValue(0);

        emitter.release.countDown();
        writer.join(5000);
        assertThat(emitter.completions).hasValue(1);
        assertThatThrownBy(() -> sink.send(new byte[] {'y'})).isInstanceOf(IOException.class);
        assertThat(emitter.completions).hasValue(1);
    }

    @Test
    void closeWhenIdleCompletesOnceAndLaterSendsFail() {
        BlockingEmitter emitter = new BlockingEmitter();
        EmitterSink sink = new EmitterSink(emitter);

        sink.close();
        sink.close();

        assertThat(emitter.completions).hasValue(1);
        assertThatThrownBy(() -> sink.send(new byte[] {'x'})).isInstanceOf(IOException.class);
    }

    @Test
    void afterTheContainerEndedTheResponseCloseCompletesNothing() {
        BlockingEmitter emitter = new BlockingEmitter();
        EmitterSink sink = new EmitterSink(emitter);

        sink.containerEnded();
        sink.close();

        assertThat(emitter.completions).hasValue(0);
    }

    @Test
    void emitterRefusingSendsIsReportedAsIoFailure() {
        SseEmitter completed = new SseEmitter();
        completed.complete();
        EmitterSink sink = new EmitterSink(completed);

        assertThatThrownBy(() -> sink.send(new byte[] {'x'})).isInstanceOf(IOException.class);
    }
}
