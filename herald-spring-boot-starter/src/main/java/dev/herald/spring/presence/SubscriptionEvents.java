package dev.herald.spring.presence;

import dev.herald.core.event.EventType;
import dev.herald.core.event.Publication;
import dev.herald.core.event.UserId;
import dev.herald.core.hub.CloseCause;
import dev.herald.core.hub.Connection;
import dev.herald.core.hub.Hub;
import dev.herald.core.hub.HubObserver;
import dev.herald.core.presence.NodeId;
import dev.herald.core.topic.ExactTopic;
import dev.herald.core.topic.Topic;
import dev.herald.core.topic.TopicSelector;
import dev.herald.spring.publish.PayloadEncoder;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscription events ({@code herald.presence.events=true}): when a stream opens or closes, one
 * private event of type {@code herald.subscription} per exact topic {@code T} of its subscription,
 * on the topic {@code subscriptions/T}, with a {@link SubscriptionChange} as data. Private, so only
 * subscribers of that topic whose {@code herald.subscribe} grants cover {@code subscriptions/T} (or
 * {@code *}) receive it; one event per topic, so that what a grant reveals is that one topic, as in
 * the list. Template and {@code *} selectors are not announced (the list shows them to {@code *}
 * grants only), nor topics under {@code subscriptions/} themselves (watchers do not announce
 * watchers).
 *
 * <p>The events go through the log like any other, so with a shared store every node's subscribers
 * see every node's changes. They are published off the hub's threads, by a thread of their own,
 * from a bounded queue: a burst beyond it, or a log that cannot take events, loses announcements
 * (counted and logged), never delays a stream.
 */
public final class SubscriptionEvents implements HubObserver, AutoCloseable {

    public static final String TOPIC_PREFIX = "subscriptions/";
    public static final EventType TYPE = EventType.of("herald.subscription");
    /** Announcements waiting to be published; beyond this a burst drops them rather than grow without bound. */
    static final int QUEUE_CAPACITY = 10_000;
    /** At close, how long the announcements still queued (streams ended by the drain) may take. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(SubscriptionEvents.class);

    private final Supplier<Hub> hub;
    private final NodeId node;
    private final PayloadEncoder encoder;
    private final BlockingQueue<Publication> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong lost = new AtomicLong();
    private final Thread publisher;
    private volatile boolean closing;

    /**
     * @param hub the hub to publish through, looked up at the first announcement (the hub hears
     *            this observer, so it cannot be handed over when this is made)
     */
    public SubscriptionEvents(Supplier<Hub> hub, NodeId node, PayloadEncoder encoder) {
        this.hub = hub;
        this.node = node;
        this.encoder = encoder;
        this.publisher = Thread.ofPlatform().name("herald-subscription-events").daemon().start(this::run);
    }

    @Override
    public void connectionOpened(Connection connection) {
        announce(connection, true);
    }

    @Override
    public void connectionClosed(Connection connection, CloseCause cause) {
        announce(connection, false);
    }

    /** Announcements lost so far: the queue was full, or the log refused them. */
    public long lost() {
        return lost.get();
    }

    private void announce(Connection connection, boolean active) {
        for (TopicSelector selector : connection.subscription().selectors()) {
            if (!(selector instanceof ExactTopic exact) || exact.topic().value().startsWith(TOPIC_PREFIX)) {
                continue;
            }
            SubscriptionChange change = new SubscriptionChange(connection.id().toString(), node.value(),
                    connection.user().map(UserId::value).orElse(null), List.of(exact.topic().value()),
                    connection.openedAt().toString(), active);
            Publication event = new Publication(Optional.empty(), TYPE, encoder.encode(change),
                    List.of(new Topic(TOPIC_PREFIX + exact.topic().value())), true, Optional.empty());
            if (!queue.offer(event) && lost.getAndIncrement() % 1000 == 0) {
                log.warn("subscription events are published more slowly than streams open and close; "
                        + "{} announcements lost so far", lost.get());
            }
        }
    }

    private void run() {
        while (!closing || !queue.isEmpty()) {
            Publication event;
            try {
                event = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (event == null) {
                continue;
            }
            try {
                hub.get().publish(event);
            } catch (RuntimeException e) {
                // the log is unavailable, or closed under a late announcement: presence is best effort
                if (lost.getAndIncrement() % 1000 == 0) {
                    log.warn("a subscription event could not be published ({} lost so far): {}", lost.get(), e.toString());
                }
            }
        }
    }

    /** Publishes what is still queued (for at most a moment), then stops. */
    @Override
    public void close() {
        closing = true;
        try {
            publisher.join(CLOSE_GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher.interrupt();
    }
}
