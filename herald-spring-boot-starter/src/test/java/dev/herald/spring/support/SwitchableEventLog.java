package dev.herald.spring.support;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventId;
import dev.herald.core.event.Publication;
import dev.herald.core.log.EventLog;
import dev.herald.core.log.InMemoryEventLog;
import dev.herald.core.log.LogUnavailableException;
import dev.herald.core.log.ReadResult;
import dev.herald.core.log.RetentionPolicy;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** An in-memory log whose store a test can take down, as a Redis outage would. */
public final class SwitchableEventLog implements EventLog {

    private final InMemoryEventLog delegate = new InMemoryEventLog(RetentionPolicy.DEFAULT);
    private volatile boolean down;
    /** Appends still taken before the store goes down; negative: no such plan. */
    private final AtomicInteger downAfter = new AtomicInteger(-1);

    public void setDown(boolean isDown) {
        this.down = isDown;
        downAfter.set(-1);
    }

    /** Takes {@code appends} more appends, then goes down: an outage in the middle of a batch. */
    public void downAfter(int appends) {
        downAfter.set(appends);
    }

    @Override
    public Event append(Publication publication) {
        if (downAfter.getAndUpdate(left -> left > 0 ? left - 1 : left) == 0) {
            down = true;
        }
        if (down) {
            throw new LogUnavailableException("store connection refused", null);
        }
        return delegate.append(publication);
    }

    @Override
    public ReadResult readAfter(EventId lastEventId, int limit) {
        return delegate.readAfter(lastEventId, limit);
    }

    @Override
    public AutoCloseable follow(Consumer<Event> follower) {
        return delegate.follow(follower);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
