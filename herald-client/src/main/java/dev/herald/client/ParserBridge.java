package dev.herald.client;

import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Connects the parser of a source to its fanout: events and comments go to listeners (unless the
 * source is closing), {@code retry:} values go to the connection loop.
 */
final class ParserBridge implements SseListener {

    private final ListenerFanout fanout;
    private final BooleanSupplier closing;
    private final LongConsumer retry;

    ParserBridge(ListenerFanout fanout, BooleanSupplier closing, LongConsumer retry) {
        this.fanout = fanout;
        this.closing = closing;
        this.retry = retry;
    }

    @Override
    public void onEvent(SseEvent event) {
        if (!closing.getAsBoolean()) {
            fanout.event(event);
        }
    }

    @Override
    public void onComment(String comment) {
        if (!closing.getAsBoolean()) {
            fanout.comment(comment);
        }
    }

    @Override
    public void onRetry(long millis) {
        retry.accept(millis);
    }
}
