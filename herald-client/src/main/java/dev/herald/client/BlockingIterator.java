package dev.herald.client;

import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A pull view of a stream of values that arrive over time, e.g.
 * {@link HeraldEventSource#events()}. It <em>ends</em> when its producer is done (the source closed
 * or failed) and every buffered value has been taken, or when it is {@linkplain #close() closed}.
 *
 * <pre>{@code
 * try (BlockingIterator<SseEvent> events = source.events()) {
 *     while (events.hasNext()) {
 *         handle(events.next());
 *     }
 * }
 * }</pre>
 *
 * <p><b>Thread-safety.</b> All methods are thread-safe; values are handed out in arrival order,
 * each to exactly one caller.
 *
 * @param <T> the value type
 */
public interface BlockingIterator<T> extends Iterator<T>, AutoCloseable {

    /**
     * Waits up to {@code timeout} for the next value.
     *
     * @param timeout how long to wait at most; zero or negative does not wait
     * @return the value, or empty if none arrived in time or the iterator has ended
     * @throws InterruptedException if interrupted while waiting
     */
    Optional<T> poll(Duration timeout) throws InterruptedException;

    /**
     * Waits as long as needed for the next value.
     *
     * @return the value
     * @throws InterruptedException   if interrupted while waiting
     * @throws NoSuchElementException if the iterator has ended
     */
    T take() throws InterruptedException;

    /**
     * Waits until a value is available ({@code true}) or the iterator has ended ({@code false}). If
     * the calling thread is interrupted while waiting, returns {@code false} with the interrupt
     * status set; the iterator itself is unaffected.
     */
    @Override
    boolean hasNext();

    /**
     * Waits for and returns the next value.
     *
     * @throws NoSuchElementException if {@link #hasNext()} would return {@code false}
     */
    @Override
    T next();

    /**
     * Whether the iterator has ended: no value is buffered and none will come.
     *
     * @return {@code true} if ended
     */
    boolean isEnded();

    /**
     * Detaches from the producer and drops buffered values; waiting callers return as if ended.
     * Idempotent.
     */
    @Override
    void close();

    /**
     * A sequential, ordered stream of the remaining values, blocking like {@link #next()}; it ends
     * when the iterator ends. Closing the stream closes this iterator.
     *
     * @return the stream
     */
    default Stream<T> stream() {
        Spliterator<T> spliterator = Spliterators.spliteratorUnknownSize(
                this, Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(spliterator, false).onClose(this::close);
    }
}
