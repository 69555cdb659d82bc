package dev.herald.core.hub;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventId;
import dev.herald.core.event.EventType;
import dev.herald.core.log.EventLog;
import dev.herald.core.log.ReadResult;
import dev.herald.core.log.ResetReason;
import dev.herald.core.sse.SseEncoder;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes streams. A connection with something to send gets a writer task on a virtual thread;
 * the task writes the stream's opening and replay the first time, then drains the outbox,
 * coalescing queued frames into one write, and ends when the outbox is empty. An idle stream has
 * no thread.
 *
 * <p>Hand-over from replay to live: the connection is in the fan-out index before the log is read,
 * so every live event lands in the outbox while the replay is written; the writer then skips
 * outbox events at or before the last replayed position. No gap, no duplicate.
 *
 * <p>A writer never ends a stream itself: it hands the stream to the {@link Closer}, whose
 * platform thread takes the locks that ending a stream needs.
 */
final class StreamWriter {

    private static final Logger log = LoggerFactory.getLogger(StreamWriter.class);

    private final EventLog eventLog;
    private final HubOptions options;
    private final HubObserver observer;
    private final ThreadFactory threads;
    private final Closer closer;
    private final Clock clock;
    private final RecentEvents recent;

    StreamWriter(EventLog eventLog, RecentEvents recent, HubOptions options, HubObserver observer,
                 ThreadFactory threads, Closer closer, Clock clock) {
        this.eventLog = eventLog;
        this.recent = recent;
        this.options = options;
        this.observer = observer;
        this.threads = threads;
        this.closer = closer;
        this.clock = clock;
    }

    /**
     * Starts a writer for the connection unless one is running. The thread is started straight from
     * the factory: an executor's bookkeeping of its threads would be one more shared structure
     * touched per stream per event.
     */
    void schedule(Connection connection) {
        if (connection.outbox().claim()) {
            start(connection);
        }
    }

    /** Starts a writer for a connection whose claim the caller holds (the opener of a new stream, or {@link #schedule}). */
    void start(Connection connection) {
        threads.newThread(() -> run(connection)).start();
    }

    private void run(Connection connection) {
        if (!connection.isOpen()) {
            connection.outbox().release();
            return;
        }
        try {
            if (!connection.opened) {
                connection.opened = true;
                if (!open(connection)) {
                    // handed to the closer; the claim stays taken
                    return;
                }
            }
            drain(connection);
        } catch (IOException e) {
            // the claim stays taken: no other writer starts on a stream that is ending
            log.debug("stream {} ended by the client: {}", connection.id(), e.toString());
            closer.close(connection, CloseCause.CLIENT_GONE);
        } catch (RuntimeException e) {
            log.warn("stream {} failed", connection.id(), e);
            closer.close(connection, CloseCause.ERROR);
        }
    }

    private void drain(Connection connection) throws IOException {
        Outbox outbox = connection.outbox();
        List<byte[]> parts = null;
        while (true) {
            CloseCause ending = null;
            byte[] first = null;
            int bytes = 0;
            int polled = 0;
            int events = 0;
            long oldestAppendedAt = Long.MAX_VALUE;
            Frame frame;
            while (bytes < options.maxWriteBytes() && (frame = outbox.poll()) != null) {
                polled++;
                if (frame.isEvent()) {
                    if (!frame.position().isAfter(connection.writtenThrough)) {
                        continue;
                    }
                    connection.writtenThrough = frame.position();
                    events++;
                    oldestAppendedAt = Math.min(oldestAppendedAt, frame.appendedAtMillis());
                }
                if (first == null) {
                    first = frame.bytes();
                } else {
                    if (parts == null) {
                        parts = new ArrayList<>();
                    }
                    if (parts.isEmpty()) {
                        parts.add(first);
                    }
                    parts.add(frame.bytes());
                }
                bytes += frame.bytes().length;
                if (frame.endsWith() != null) {
                    ending = frame.endsWith();
                    break;
                }
            }
            outbox.taken(polled);
            if (first != null && connection.isOpen()) {
                // one frame (the usual case: a writer per event) goes out as the shared encoded
                // bytes themselves; several are joined into one array of the exact size
                connection.sink().send(parts == null || parts.isEmpty() ? first : join(parts, bytes));
                long written = clock.millis();
                connection.wrote(written);
                if (events > 0) {
                    // once per write, not per event: the observers' meters are shared by every writer
                    observer.eventsDelivered(events, Math.max(0, written - oldestAppendedAt));
                }
            }
            if (parts != null) {
                parts.clear();
            }
            if (ending != null) {
                closer.close(connection, ending);
                return;
            }
            if (first == null) {
                outbox.release();
                // a producer may have queued between our last poll and the release
                if (outbox.isEmpty() || !outbox.claim()) {
                    return;
                }
            }
            if (!connection.isOpen()) {
                outbox.release();
                return;
            }
        }
    }

    private static byte[] join(List<byte[]> parts, int length) {
        byte[] joined = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, joined, at, part.length);
            at += part.length;
        }
        return joined;
    }

    /** Writes the stream's opening and what it missed; false when it was handed to the closer instead. */
    private boolean open(Connection connection) throws IOException {
        connection.sink().send(SseEncoder.concat(
                SseEncoder.comment("herald stream " + connection.id()),
                SseEncoder.retry(options.clientRetry())));
        connection.wrote(clock.millis());
        Optional<EventId> lastEventId = connection.request().lastEventId();
        if (lastEventId.isPresent()) {
            replay(connection, lastEventId.get());
        }
        if (connection.catchingUp() && !joinLive(connection)) {
            closer.close(connection, CloseCause.SLOW_CONSUMER);
            return false;
        }
        return true;
    }

    /**
     * Ends a resuming stream's catch-up: the events the fan-out skipped while the replay ran are
     * written from {@link RecentEvents}, the fan-out is told to queue the stream's events again,
     * and what it skipped in between is written too (a copy of it that also reaches the outbox is
     * dropped there by position). False when the ring no longer holds a skipped event (the stream
     * fell further behind than the ring reaches): the stream then ends as a slow consumer, and its
     * client resumes from the log, as when an outbox fills.
     */
    private boolean joinLive(Connection connection) throws IOException {
        if (!replaySkipped(connection)) {
            return false;
        }
        connection.endCatchUp();
        return replaySkipped(connection);
    }

    private boolean replaySkipped(Connection connection) throws IOException {
        long first = connection.firstSkipped();
        if (first == Connection.NOTHING_SKIPPED) {
            return true;
        }
        MemoryReplay replay = replayFromMemory(connection, first);
        if (replay.replayed() > 0) {
            observer.eventsReplayed(replay.replayed());
        }
        return replay.complete();
    }

    /**
     * Writes what the client missed after {@code after}. The log says what that is (or answers with a
     * reset); from the first missed event that {@link RecentEvents} still holds, the rest is written
     * from there, as the frames the fan-out encoded, instead of being read and encoded again. The
     * first read asks the log for one event only: in a reconnect storm nearly every resuming stream
     * finds it in memory.
     */
    private void replay(Connection connection, EventId after) throws IOException {
        EventId cursor = after;
        int replayed = 0;
        int limit = 1;
        while (connection.isOpen()) {
            ReadResult result = eventLog.readAfter(cursor, limit);
            limit = options.replayPageSize();
            switch (result) {
                case ReadResult.Reset reset -> {
                    writeReset(connection, reset);
                    return;
                }
                case ReadResult.Found found -> {
                    // the client has everything up to its id: a live copy of any of it that reaches
                    // the outbox later (dispatched after this read) must not go out again
                    if (found.after().isAfter(connection.writtenThrough)) {
                        connection.writtenThrough = found.after();
                    }
                    List<Event> events = found.events();
                    if (events.isEmpty()) {
                        observer.eventsReplayed(replayed);
                        return;
                    }
                    Event first = events.getFirst();
                    RecentEvents.Entry kept = recent.find(first.position(), first.id());
                    if (kept == null) {
                        List<byte[]> page = new ArrayList<>();
                        int pageBytes = 0;
                        for (Event event : events) {
                            connection.writtenThrough = event.position();
                            cursor = event.id();
                            if (connection.subscription().accepts(event)) {
                                byte[] bytes = encode(event);
                                page.add(bytes);
                                pageBytes += bytes.length;
                                replayed++;
                            }
                        }
                        sendPage(connection, page, pageBytes);
                        if (!found.more()) {
                            observer.eventsReplayed(replayed);
                            return;
                        }
                        Event last = events.getLast();
                        kept = recent.find(last.position(), last.id());
                        if (kept == null) {
                            continue;
                        }
                        kept = recent.at(kept.sequence() + 1);
                        if (kept == null) {
                            // the log holds more than the hub has dispatched yet: those events come
                            // through the outbox (the stream is in the fan-out), or the log has them
                            continue;
                        }
                    }
                    MemoryReplay fromMemory = replayFromMemory(connection, kept.sequence());
                    replayed += fromMemory.replayed();
                    if (fromMemory.complete()) {
                        observer.eventsReplayed(replayed);
                        return;
                    }
                    // the ring moved on under us: the log has the rest
                    cursor = fromMemory.lastId() != null ? fromMemory.lastId() : cursor;
                }
            }
        }
    }

    /** What {@link #replayFromMemory} wrote: whether it reached the newest kept event, and the id it ended at. */
    private record MemoryReplay(int replayed, boolean complete, EventId lastId) { }

    /**
     * Writes the kept events from {@code sequence} up to the newest, in pages of at most
     * {@link HubOptions#maxWriteBytes}. Events dispatched after that come through the outbox: the
     * stream has been in the fan-out since before this replay began.
     */
    private MemoryReplay replayFromMemory(Connection connection, long sequence) throws IOException {
        int replayed = 0;
        EventId lastId = null;
        long end = recent.head();
        List<byte[]> page = new ArrayList<>();
        int pageBytes = 0;
        for (long next = sequence; next < end && connection.isOpen(); next++) {
            RecentEvents.Entry entry = recent.at(next);
            if (entry == null) {
                sendPage(connection, page, pageBytes);
                return new MemoryReplay(replayed, false, lastId);
            }
            Event event = entry.event();
            lastId = event.id();
            if (!event.position().isAfter(connection.writtenThrough)) {
                // written already (the end of a catch-up scans again from the first skipped event)
                continue;
            }
            connection.writtenThrough = event.position();
            if (connection.subscription().accepts(event)) {
                byte[] bytes = entry.logged().frame().bytes();
                page.add(bytes);
                pageBytes += bytes.length;
                replayed++;
                if (pageBytes >= options.maxWriteBytes()) {
                    sendPage(connection, page, pageBytes);
                    pageBytes = 0;
                }
            }
        }
        sendPage(connection, page, pageBytes);
        return new MemoryReplay(replayed, true, lastId);
    }

    private void sendPage(Connection connection, List<byte[]> page, int bytes) throws IOException {
        if (page.isEmpty()) {
            return;
        }
        connection.sink().send(page.size() == 1 ? page.getFirst() : join(page, bytes));
        connection.wrote(clock.millis());
        page.clear();
    }

    private void writeReset(Connection connection, ReadResult.Reset reset) throws IOException {
        ResetReason reason = reset.reason();
        // The reset moves the client to the head of the log: live events follow it, and the next
        // reconnect resumes from here instead of resetting again.
        EventId headId = reset.head().map(Event::id).orElse(null);
        reset.head().map(Event::position).ifPresent(p -> connection.writtenThrough = p);
        String data = "{\"reason\":\"" + reason.code() + "\",\"message\":\"" + reason.description()
                + "; reload your state\"}";
        connection.sink().send(SseEncoder.event(headId, EventType.RESET, data, Optional.empty()));
        connection.wrote(clock.millis());
        observer.streamReset(connection, reason);
    }

    static byte[] encode(Event event) {
        return SseEncoder.event(event.id(), event.type(), event.data(), event.retry());
    }
}
