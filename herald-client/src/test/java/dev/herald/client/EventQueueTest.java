package dev.herald.client;

import static dev.herald.client.ClientTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The {@link BlockingIterator} implementation: ordering, backpressure, end and close. */
class EventQueueTest {

    private final List<EventQueue<String>> detached = new CopyOnWriteArrayList<>();

    private EventQueue<String> queue(int capacity) {
        return new EventQueue<>(capacity, detached::add);
    }

    @Test
    void handsOutValuesInOrder() throws Exception {
        EventQueue<String> queue = queue(10);
        queue.put("a");
        queue.put("b");
        queue.put("c");
        assertThat(queue.poll(Duration.ZERO)).contains("a");
        assertThat(queue.take()).isEqualTo("b");
        assertThat(queue.hasNext()).isTrue();
        assertThat(queue.next()).isEqualTo("c");
    }

    @Test
    void pollReturnsEmptyWhenNothingArrivesInTime() throws Exception {
        EventQueue<String> queue = queue(1);
        long start = System.nanoTime();
        assertThat(queue.poll(Duration.ofMillis(50))).isEmpty();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(49);
        assertThat(queue.poll(Duration.ofMillis(-5))).isEmpty();
        assertThat(queue.isEnded()).isFalse();
    }

    @Test
    void pollWakesUpWhenAValueArrives() throws Exception {
        EventQueue<String> queue = queue(1);
        CompletableFuture<Object> polled = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                polled.complete(queue.poll(Duration.ofDays(1)));
            } catch (Throwable t) {
                polled.completeExceptionally(t);
            }
        });
        queue.put("late");
        assertThat(polled.get(10, TimeUnit.SECONDS)).isEqualTo(java.util.Optional.of("late"));
    }

    @Test
    void fullQueueBlocksTheProducerUntilAValueIsTaken() throws Exception {
        EventQueue<String> queue = queue(1);
        queue.put("first");
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> queue.put("second"),
                r -> Thread.ofVirtual().start(r));
        eventually().during(Duration.ofMillis(100)).until(() -> !second.isDone());
        assertThat(queue.take()).isEqualTo("first");
        assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(queue.take()).isEqualTo("second");
    }

    @Test
    void completeReleasesABlockedProducerAndEndsAfterDraining() throws Exception {
        EventQueue<String> queue = queue(1);
        queue.put("kept");
        CompletableFuture<Boolean> blocked = CompletableFuture.supplyAsync(() -> queue.put("dropped"),
                r -> Thread.ofVirtual().start(r));
        eventually().during(Duration.ofMillis(50)).until(() -> !blocked.isDone());
        queue.complete();
        assertThat(blocked.get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(queue.isEnded()).isFalse();
        assertThat(queue.next()).isEqualTo("kept");
        assertThat(queue.hasNext()).isFalse();
        assertThat(queue.isEnded()).isTrue();
        assertThat(queue.poll(Duration.ofDays(1))).isEmpty();
        assertThatThrownBy(queue::take).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(queue::next).isInstanceOf(NoSuchElementException.class);
        assertThat(queue.put("after")).isFalse();
    }

    @Test
    void closeDropsBufferedValuesDetachesOnceAndWakesWaiters() throws Exception {
        EventQueue<String> queue = queue(4);
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(queue::hasNext, r -> Thread.ofVirtual().start(r));
        eventually().during(Duration.ofMillis(50)).until(() -> !waiter.isDone());
        queue.close();
        assertThat(waiter.get(10, TimeUnit.SECONDS)).isFalse();
        queue.close();
        assertThat(detached).containsExactly(queue);
        assertThat(queue.put("x")).isFalse();
        assertThat(queue.isEnded()).isTrue();
    }

    @Test
    void interruptedHasNextReturnsFalseAndKeepsTheInterruptStatus() throws Exception {
        EventQueue<String> queue = queue(1);
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread consumer = Thread.ofVirtual().start(() ->
                result.complete(queue.hasNext() + "/" + Thread.currentThread().isInterrupted()));
        eventually().until(() -> consumer.getState() == Thread.State.WAITING);
        consumer.interrupt();
        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("false/true");
        queue.put("still usable");
        assertThat(queue.next()).isEqualTo("still usable");
    }

    @Test
    void streamEndsWithTheQueueAndClosingItClosesTheQueue() {
        EventQueue<String> queue = queue(4);
        queue.put("a");
        queue.put("b");
        queue.complete();
        assertThat(queue.stream().toList()).containsExactly("a", "b");

        EventQueue<String> other = queue(4);
        other.stream().close();
        assertThat(other.isEnded()).isTrue();
        assertThat(detached).contains(other);
    }

    @Test
    void rejectsZeroCapacityAndNullValues() {
        assertThatThrownBy(() -> queue(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queue(1).put(null)).isInstanceOf(NullPointerException.class);
    }
}
