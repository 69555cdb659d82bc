package dev.herald.core.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class OutboxTest {

    private static Frame frame(int n) {
        return Frame.control(new byte[] {(byte) n});
    }

    @Test
    void framesComeOutInTheOrderTheyWentIn() {
        Outbox outbox = new Outbox(8);
        outbox.offer(frame(1));
        outbox.offer(frame(2));
        outbox.offer(frame(3));
        assertThat(outbox.claim()).isTrue();
        assertThat(List.of(outbox.poll().bytes()[0], outbox.poll().bytes()[0], outbox.poll().bytes()[0]))
                .containsExactly((byte) 1, (byte) 2, (byte) 3);
        assertThat(outbox.poll()).isNull();
        assertThat(outbox.isEmpty()).isTrue();
    }

    /**
     * A node the writer has passed must not link to the rest of the queue: once promoted by a young
     * collection it would keep every later node alive from the old generation (scale.md §22).
     */
    @Test
    void aPassedNodeNoLongerLinksToTheQueue() throws ReflectiveOperationException {
        Outbox outbox = new Outbox(8);
        Field head = Outbox.class.getDeclaredField("head");
        head.setAccessible(true);
        List<Object> passed = new ArrayList<>();
        passed.add(head.get(outbox));
        for (int i = 1; i <= 3; i++) {
            outbox.offer(frame(i));
        }
        outbox.claim();
        for (int i = 1; i <= 3; i++) {
            assertThat(outbox.poll().bytes()[0]).isEqualTo((byte) i);
            passed.add(head.get(outbox));
        }
        Object last = passed.removeLast();
        Field next = last.getClass().getDeclaredField("next");
        next.setAccessible(true);
        for (Object node : passed) {
            assertThat(next.get(node)).isNull();
        }
        outbox.offer(frame(4));
        assertThat(next.get(last)).isNotNull();
        assertThat(outbox.poll().bytes()[0]).isEqualTo((byte) 4);
        assertThat(next.get(last)).isNull();
    }

    @Test
    void aFullOutboxRefusesUntilTheWriterReportsWhatItTook() {
        Outbox outbox = new Outbox(2);
        assertThat(outbox.offer(frame(1))).isTrue();
        assertThat(outbox.offer(frame(2))).isTrue();
        assertThat(outbox.offer(frame(3))).isFalse();
        assertThat(outbox.depth()).isEqualTo(2);

        outbox.claim();
        outbox.poll();
        assertThat(outbox.offer(frame(3))).as("room is freed when reported, not when polled").isFalse();
        outbox.taken(1);
        assertThat(outbox.depth()).isEqualTo(1);
        assertThat(outbox.offer(frame(3))).isTrue();
    }

    @Test
    void onlyOneClaimUntilReleased() {
        Outbox outbox = new Outbox(2);
        assertThat(outbox.claim()).isTrue();
        assertThat(outbox.claim()).isFalse();
        outbox.release();
        assertThat(outbox.claim()).isTrue();
    }

    @Test
    void clearDropsWhatWaitsUnlessAWriterIsDraining() {
        Outbox outbox = new Outbox(4);
        outbox.offer(frame(1));
        outbox.offer(frame(2));
        outbox.clear();
        assertThat(outbox.depth()).isZero();
        assertThat(outbox.isEmpty()).isTrue();
        assertThat(outbox.claim()).as("clear gives its claim back").isTrue();

        outbox.offer(frame(3));
        outbox.clear();
        assertThat(outbox.depth()).as("the claim holder owns the queue").isEqualTo(1);
    }

    @Test
    void concurrentProducersLoseNothingAndKeepTheirOwnOrder() throws Exception {
        int producers = 4;
        int perProducer = 20_000;
        Outbox outbox = new Outbox(producers * perProducer);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(producers + 1);
        try {
            for (int p = 0; p < producers; p++) {
                int producer = p;
                pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perProducer; i++) {
                        outbox.offer(Frame.control(new byte[] {(byte) producer, (byte) (i >> 16), (byte) (i >> 8), (byte) i}));
                    }
                    return null;
                });
            }
            Future<List<int[]>> consumed = pool.submit(() -> {
                assertThat(outbox.claim()).isTrue();
                start.countDown();
                List<int[]> seen = new ArrayList<>();
                while (seen.size() < producers * perProducer) {
                    Frame frame = outbox.poll();
                    if (frame == null) {
                        Thread.onSpinWait();
                        continue;
                    }
                    byte[] b = frame.bytes();
                    seen.add(new int[] {b[0], (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff)});
                    outbox.taken(1);
                }
                return seen;
            });
            int[] next = new int[producers];
            for (int[] item : consumed.get()) {
                assertThat(item[1]).as("producer %d's frames in order", item[0]).isEqualTo(next[item[0]]);
                next[item[0]]++;
            }
            assertThat(next).containsOnly(perProducer);
            assertThat(outbox.depth()).isZero();
            assertThat(outbox.poll()).isNull();
        } finally {
            pool.shutdownNow();
        }
    }
}
