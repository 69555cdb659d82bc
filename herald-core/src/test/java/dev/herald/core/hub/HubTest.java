package dev.herald.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventId;
import dev.herald.core.event.EventType;
import dev.herald.core.event.Publication;
import dev.herald.core.event.UserId;
import dev.herald.core.log.InMemoryEventLog;
import dev.herald.core.log.PartialAppendException;
import dev.herald.core.log.RetentionPolicy;
import dev.herald.core.sse.WhatwgReader;
import dev.herald.core.topic.Topic;
import dev.herald.core.topic.TopicSelector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HubTest {

    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");
    private static final Topic NEWS = Topic.of("news");

    private final InMemoryEventLog log = new InMemoryEventLog(RetentionPolicy.DEFAULT);
    private Hub hub = new Hub(log, HubOptions.DEFAULTS);

    @BeforeAll
    static void pollOften() {
        Awaitility.setDefaultPollInterval(Duration.ofMillis(5));
        Awaitility.setDefaultPollDelay(Duration.ZERO);
    }

    @AfterEach
    void close() {
        hub.close();
    }

    private static List<TopicSelector> selectors(String... expressions) {
        return java.util.Arrays.stream(expressions).map(TopicSelector::parse).toList();
    }

    private RecordingSink open(Subscription subscription) {
        RecordingSink sink = new RecordingSink();
        hub.subscribe(SubscribeRequest.live(subscription), sink);
        await().until(() -> sink.text().contains("retry:"));
        return sink;
    }

    @Test
    void streamStartsWithACommentAndRetry() {
        RecordingSink sink = open(Subscription.anonymous(selectors("news")));
        assertThat(sink.text()).startsWith(": herald stream ").contains("\nretry: 3000\n\n");
    }

    @Test
    void beforeWritingRunsOnceTheStreamIsInTheFanOutAndBeforeAnyWrite() {
        RecordingSink sink = new RecordingSink();
        AtomicInteger sendsDuring = new AtomicInteger(-1);
        hub.subscribe(SubscribeRequest.live(Subscription.anonymous(selectors("news"))), sink, () -> {
            hub.publish(Publication.of(List.of(NEWS), "published while the head goes out"));
            // the event reaches the stream's outbox; no writer may start on it before this returns
            await().until(() -> sink.sends() > 0 || hub.connections().iterator().next().outbox().depth() == 1);
            sleep(Duration.ofMillis(100));
            sendsDuring.set(sink.sends());
        });
        await().until(() -> sink.data().size() == 1);
        assertThat(sendsDuring).hasValue(0);
        assertThat(sink.data()).containsExactly("published while the head goes out");
    }

    @Test
    void aStreamWhoseHeadCannotBeSentIsClosedAsClientGone() {
        RecordingSink sink = new RecordingSink();
        List<CloseCause> causes = new java.util.concurrent.CopyOnWriteArrayList<>();
        hub.close();
        hub = new Hub(log, HubOptions.DEFAULTS, new HubObserver() {
            @Override
            public void connectionClosed(Connection connection, CloseCause cause) {
                causes.add(cause);
            }
        }, Clock.systemUTC());
        UncheckedIOException gone = new UncheckedIOException(new IOException("connection reset by peer"));

        assertThatThrownBy(() -> hub.subscribe(SubscribeRequest.live(Subscription.anonymous(selectors("news"))), sink,
                () -> { throw gone; })).isSameAs(gone);
        assertThat(sink.isClosed()).isTrue();
        assertThat(sink.sends()).isZero();
        assertThat(causes).containsExactly(CloseCause.CLIENT_GONE);
        assertThat(hub.connectionCount()).isZero();
    }

    @Test
    void privateEventToAUserReachesEveryTabOfThatUserOnly() {
        RecordingSink aliceTab1 = open(Subscription.forUser(ALICE, List.of(), List.of()));
        RecordingSink aliceTab2 = open(Subscription.forUser(ALICE, List.of(), List.of()));
        RecordingSink bob = open(Subscription.forUser(BOB, List.of(), List.of()));
        RecordingSink anonymousSpy = open(Subscription.anonymous(selectors("*")));

        hub.publish(Publication.toUser(ALICE, EventType.of("notification"), "hi alice"));
        hub.publish(Publication.of(List.of(NEWS), "public marker"));

        await().until(() -> aliceTab1.data().contains("hi alice") && aliceTab2.data().contains("hi alice"));
        await().until(() -> anonymousSpy.data().contains("public marker"));
        assertThat(aliceTab1.events()).extracting(WhatwgReader.Read::type).containsExactly("notification");
        assertThat(bob.data()).isEmpty();
        assertThat(anonymousSpy.data()).containsExactly("public marker");
    }

    @Test
    void privateEventNeedsAGrantOnTopOfTheSelector() {
        RecordingSink granted = open(Subscription.forUser(ALICE, selectors("books/{id}"), selectors("books/{id}")));
        RecordingSink notGranted = open(Subscription.forUser(BOB, selectors("books/{id}"), List.of()));

        hub.publish(Publication.of(List.of(Topic.of("books/1")), "secret").asPrivate(true));
        hub.publish(Publication.of(List.of(Topic.of("books/2")), "open"));

        await().until(() -> granted.data().size() == 2 && notGranted.data().size() == 1);
        assertThat(granted.data()).containsExactly("secret", "open");
        assertThat(notGranted.data()).containsExactly("open");
    }

    @Test
    void aPublishedBatchReachesStreamsInOrderAndEachEventIsReportedOnce() {
        List<Event> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
        hub.close();
        hub = new Hub(log, HubOptions.DEFAULTS, new HubObserver() {
            @Override
            public void eventPublished(Event event) {
                reported.add(event);
            }
        }, Clock.systemUTC());
        RecordingSink sink = open(Subscription.anonymous(selectors("news")));

        List<Event> batch = hub.publishAll(List.of(Publication.of(List.of(NEWS), "1"), Publication.of(List.of(NEWS), "2"),
                Publication.of(List.of(NEWS), "3")));
        assertThatThrownBy(() -> hub.publishAll(List.of(Publication.of(List.of(NEWS), "4"),
                Publication.of(List.of(NEWS), "5").withId(batch.get(0).id()), Publication.of(List.of(NEWS), "6"))))
                .isInstanceOf(PartialAppendException.class);

        await().until(() -> sink.data().size() == 4);
        assertThat(sink.data()).containsExactly("1", "2", "3", "4");
        assertThat(reported).extracting(Event::data).containsExactly("1", "2", "3", "4");
        assertThat(hub.publishesInFlight()).isZero();
    }

    @Test
    void anEventWithSeveralMatchingTopicsArrivesOnce() {
        RecordingSink sink = open(Subscription.anonymous(selectors("a", "b", "*", "{x}")));
        hub.publish(Publication.of(List.of(Topic.of("a"), Topic.of("b")), "once"));
        hub.publish(Publication.of(List.of(Topic.of("c")), "marker"));
        await().until(() -> sink.data().contains("marker"));
        assertThat(sink.data()).containsExactly("once", "marker");
    }

    @Test
    void resumeReplaysMissedEventsInOrderThenLive() {
        Event first = hub.publish(Publication.of(List.of(NEWS), "1"));
        hub.publish(Publication.of(List.of(NEWS), "2"));
        hub.publish(Publication.of(List.of(Topic.of("other")), "not mine"));
        hub.publish(Publication.of(List.of(NEWS), "3"));

        RecordingSink sink = new RecordingSink();
        hub.subscribe(SubscribeRequest.live(Subscription.anonymous(selectors("news"))).resumingAfter(first.id()), sink);
        await().until(() -> sink.data().size() == 2);
        hub.publish(Publication.of(List.of(NEWS), "4"));
        await().until(() -> sink.data().size() == 3);
        assertThat(sink.data()).containsExactly("2", "3", "4");
    }

    /**
     * Streams resume while events are published: from memory (every missed event kept), from the log
     * then memory (64 kept, overtaken while replaying), and from the log alone (none kept).
     */
    @ParameterizedTest(name = "{0} recent events kept")
    @ValueSource(ints = {4096, 64, 0})
    void handOverFromReplayToLiveHasNoGapAndNoDuplicate(int recentEvents) throws Exception {
        hub.close();
        // room for every live event that arrives while a replay is written: this test is about
        // the hand-over, not about slow consumers
        hub = new Hub(log, HubOptions.DEFAULTS.withOutboxCapacity(10_000).withRecent(recentEvents, 1 << 24));
        Event start = hub.publish(Publication.of(List.of(NEWS), "0"));
        Thread publisher = Thread.ofPlatform().start(() -> {
            for (int i = 1; i <= 3000; i++) {
                hub.publish(Publication.of(List.of(NEWS), Integer.toString(i)));
            }
        });
        java.util.List<RecordingSink> sinks = new java.util.ArrayList<>();
        while (publisher.isAlive()) {
            RecordingSink sink = new RecordingSink();
            hub.subscribe(SubscribeRequest.live(Subscription.anonymous(selectors("news"))).resumingAfter(start.id()), sink);
            sinks.add(sink);
            Thread.sleep(5);
        }
        publisher.join();
        assertThat(sinks).isNotEmpty();
        for (RecordingSink sink : sinks) {
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.data().size() >= 3000);
            List<String> data = sink.data();
            assertThat(data).hasSize(3000);
            for (int i = 0; i < data.size(); i++) {
                assertThat(data.get(i)).isEqualTo(Integer.toString(i + 1));
            }
        }
    }

    @Test
    void aResumingStreamQueuesNoEventWhileItCatchesUpAndGetsEachOnceInOrder() {
        Event start = hub.publish(Publication.of(List.of(NEWS), "0"));
        for (int i = 1; i <= 100; i++) {
            hub.publish(Publication.of(List.of(NEWS), Integer.toString(i)));
        }
        RecordingSink sink = RecordingSink.gated();
        Connection connection = hub.subscribe(
                SubscribeRequest.live(Subscription.anonymous(selectors("news"))).resumingAfter(start.id()), sink);
        for (int i = 101; i <= 200; i++) {
            hub.publish(Publication.of(List.of(NEWS), Integer.toString(i)));
        }
        // the writer is held in its first write; the live events wait in the ring, not in the outbox
        await().until(() -> hub.dispatchBacklog() == 0);
        assertThat(connection.outboxDepth()).isZero();

        sink.openGate();
        await().until(() -> sink.data().size() == 200);
        hub.publish(Publication.of(List.of(NEWS), "201"));
        await().until(() -> sink.data().size() == 201);
        List<String> data = sink.data();
        for (int i = 0; i < data.size(); i++) {
            assertThat(data.get(i)).isEqualTo(Integer.toString(i + 1));
        }
        assertThat(connection.outboxDepth()).isZero();
    }

    @Test
    void aResumingStreamFurtherBehindThanTheRingReachesEndsAsASlowConsumer() {
        hub.close();
        hub = new Hub(log, HubOptions.DEFAULTS.withOutboxCapacity(16).withRecent(16, 1 << 24));
        Event start = hub.publish(Publication.of(List.of(NEWS), "0"));
        RecordingSink sink = RecordingSink.gated();
        Connection connection = hub.subscribe(
                SubscribeRequest.live(Subscription.anonymous(selectors("news"))).resumingAfter(start.id()), sink);
        for (int i = 1; i <= 40; i++) {
            hub.publish(Publication.of(List.of(NEWS), Integer.toString(i)));
        }
        await().until(() -> hub.dispatchBacklog() == 0);

        sink.openGate();
        await().until(() -> !connection.isOpen());
        assertThat(connection.closeCause()).hasValue(CloseCause.SLOW_CONSUMER);
        // what it did write is in order and without a gap: the client resumes from there
        List<String> data = sink.data();
        for (int i = 0; i < data.size(); i++) {
            assertThat(data.get(i)).isEqualTo(Integer.toString(i + 1));
        }
    }

    @Test
    void aResumeWithinTheRecentEventsReadsOneEventFromTheLogAndTheRestFromMemory() {
        hub.close();
        CountingLog counting = new CountingLog(log);
        hub = new Hub(counting, HubOptions.DEFAULTS);
        Event first = hub.publish(Publication.of(List.of(NEWS), "1"));
        for (int i = 2; i <= 600; i++) {
            hub.publish(Publication.of(List.of(i % 2 == 0 ? NEWS : Topic.of("other")), Integer.toString(i)));
        }
        RecordingSink sink = new RecordingSink();
        hub.subscribe(SubscribeRequest.live(Subscription.anonymous(selectors("news"))).resumingAfter(first.id()), sink);
        await().until(() -> sink.data().size() == 300);
        hub.publish(Publication.of(List.of(NEWS), "live"));
        await().until(() -> sink.data().size() == 301);
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 2; i <= 600; i += 2) {
            expected.add(Integer.toString(i));
        }
        expected.add("live");
        assertThat(sink.data()).isEqualTo(expected);
        assertThat(counting.limits).containsExactly(1);
        // the ids and the order of the replay are the log's: the same as a replay from the log alone
        List<String> ids = sink.events().stream().map(WhatwgReader.Read::id).toList();
        assertThat(ids.get(0)).isEqualTo(log.readAfter(first.id(), 1) instanceof dev.herald.core.log.ReadResult.Found f
                ? f.events().get(0).id().value() : null);
    }

    @Test
    void anIdTheLogNoLongerKeepsGetsAResetEvenWhileTheEventsAreInMemory() {
        hub.close();
        InMemoryEventLog small = new InMemoryEventLog(new RetentionPolicy(3, Duration.ofHours(1)));
        hub = new Hub(small, HubOptions.DEFAULTS);
        Event first = hub.publish(Publication.of(List.of(NEWS), "1"));
        for (int i = 2; i <= 10; i++) {
            hub.publish(Publication.of(List.of(NEWS), Integer.toString(i)));
        }
        RecordingSink sink = new RecordingSink();
        hub.subscribe(SubscribeRequest.live(Subscription.anonymous(selectors("news"))).resumingAfter(first.id()), sink);
        await().until(() -> !sink.events().isEmpty());
        assertThat(sink.events().get(0).type()).isEqualTo("herald.reset");
        assertThat(sink.events().get(0).data()).contains("\"reason\":\"expired\"");
        small.close();
    }

    /** A log that records the limit of every read, to see which replays read it. */
    /**
     * A client resumes after an event the hub has not dispatched yet (appended on another node, or the
     * dispatcher is a moment behind): the replay finds nothing after it, and the live copy of that event
     * and of those before it, when they reach the stream, must not go out again.
     */
    @Test
    void eventsUpToTheResumeIdThatArriveLiveAfterTheReplayAreNotSentAgain() {
        hub.close();
        HeldFollowerLog held = new HeldFollowerLog(log);
        hub = new Hub(held, HubOptions.DEFAULTS);
        hub.publish(Publication.of(List.of(NEWS), "seen before"));
        held.hold();
        hub.publish(Publication.of(List.of(NEWS), "also seen"));
        Event resumeAfter = hub.publish(Publication.of(List.of(NEWS), "the client's last"));

        RecordingSink sink = new RecordingSink();
        hub.subscribe(SubscribeRequest.live(Subscription.anonymous(selectors("news"))).resumingAfter(resumeAfter.id()), sink);
        await().until(() -> sink.text().contains("retry:"));
        held.release();
        hub.publish(Publication.of(List.of(NEWS), "new"));

        await().until(() -> sink.data().contains("new"));
        assertThat(sink.data()).containsExactly("new");
    }

    /** Hands appends to the hub only once released, in order: a follower that lags behind the log. */
    private static final class HeldFollowerLog implements dev.herald.core.log.EventLog {
        private final dev.herald.core.log.EventLog log;
        private final java.util.Queue<Event> waiting = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private volatile java.util.function.Consumer<Event> follower = event -> { };
        private volatile boolean holding;

        HeldFollowerLog(dev.herald.core.log.EventLog log) {
            this.log = log;
        }

        void hold() {
            holding = true;
        }

        synchronized void release() {
            holding = false;
            Event event;
            while ((event = waiting.poll()) != null) {
                follower.accept(event);
            }
        }

        @Override
        public Event append(Publication publication) {
            return log.append(publication);
        }

        @Override
        public dev.herald.core.log.ReadResult readAfter(EventId lastEventId, int limit) {
            return log.readAfter(lastEventId, limit);
        }

        @Override
        public AutoCloseable follow(java.util.function.Consumer<Event> newFollower) {
            this.follower = newFollower;
            return log.follow(event -> {
                synchronized (this) {
                    if (holding) {
                        waiting.add(event);
                    } else {
                        follower.accept(event);
                    }
                }
            });
        }

        @Override
        public void close() {
            log.close();
        }
    }

    private static final class CountingLog implements dev.herald.core.log.EventLog {
        private final dev.herald.core.log.EventLog log;
        final List<Integer> limits = new java.util.concurrent.CopyOnWriteArrayList<>();

        CountingLog(dev.herald.core.log.EventLog log) {
            this.log = log;
        }

        @Override
        public Event append(Publication publication) {
            return log.append(publication);
        }

        @Override
        public dev.herald.core.log.ReadResult readAfter(EventId lastEventId, int limit) {
            limits.add(limit);
            return log.readAfter(lastEventId, limit);
        }

        @Override
        public AutoCloseable follow(java.util.function.Consumer<Event> follower) {
            return log.follow(follower);
        }

        @Override
        public void close() {
            log.close();
        }
    }

    @Test
    void unknownIdGivesAResetThatMovesTheClientToTheHead() {
        hub.publish(Publication.of(List.of(NEWS), "old"));
        Event head = hub.publish(Publication.of(List.of(Topic.of("other")), "head"));
        RecordingSink sink = new RecordingSink();
        hub.subscribe(SubscribeRequest.live(Subscription.anonymous(selectors("news")))
                .resumingAfter(EventId.of("no-such-id")), sink);
        await().until(() -> !sink.events().isEmpty());
        hub.publish(Publication.of(List.of(NEWS), "live"));
        await().until(() -> sink.events().size() == 2);
        WhatwgReader.Read reset = sink.events().get(0);
        assertThat(reset.type()).isEqualTo("herald.reset");
        assertThat(reset.id()).isEqualTo(head.id().value());
        assertThat(reset.data()).contains("\"reason\":\"unknown\"");
        assertThat(sink.data().get(1)).isEqualTo("live");
    }

    @Test
    void aStalledClientIsCutOffWhileOthersKeepReceiving() {
        hub.close();
        hub = new Hub(log, HubOptions.DEFAULTS.withOutboxCapacity(16));
        RecordingSink stalled = RecordingSink.stalled();
        Connection stalledConnection = hub.subscribe(SubscribeRequest.live(Subscription.anonymous(selectors("news"))), stalled);
        RecordingSink healthy = open(Subscription.anonymous(selectors("news")));

        for (int i = 0; i < 100; i++) {
            hub.publish(Publication.of(List.of(NEWS), Integer.toString(i)));
            int expected = i + 1;
            await().until(() -> healthy.data().size() == expected);
        }
        await().until(() -> !stalledConnection.isOpen());
        assertThat(stalledConnection.closeCause()).contains(CloseCause.SLOW_CONSUMER);
        assertThat(stalled.isClosed()).isTrue();
        assertThat(hub.connectionCount()).isEqualTo(1);
    }

    @Test
    void eachWriteIsReportedOnceWithItsEventCountAndTheAgeOfItsOldest() {
        record Delivered(int count, long millisSinceAppend) {
        }
        List<Delivered> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
        hub.close();
        hub = new Hub(log, HubOptions.DEFAULTS, new HubObserver() {
            @Override
            public void eventsDelivered(int count, long millisSinceAppend) {
                delivered.add(new Delivered(count, millisSinceAppend));
            }
        }, Clock.systemUTC());
        RecordingSink sink = RecordingSink.gated();
        Connection connection = hub.subscribe(SubscribeRequest.live(Subscription.anonymous(selectors("news"))), sink);
        // the opening write waits at the gate, so the five events queue up behind it
        Event oldest = hub.publish(Publication.of(List.of(NEWS), "0"));
        for (int i = 1; i < 5; i++) {
            hub.publish(Publication.of(List.of(NEWS), Integer.toString(i)));
        }
        await().until(() -> connection.outboxDepth() == 5);
        long gateOpened = System.currentTimeMillis();
        sink.openGate();
        await().until(() -> sink.data().size() == 5);
        long written = System.currentTimeMillis();
        hub.publish(Publication.of(List.of(NEWS), "5"));
        await().until(() -> delivered.size() == 2);

        assertThat(sink.data()).containsExactly("0", "1", "2", "3", "4", "5");
        assertThat(delivered.get(0).count()).isEqualTo(5);
        assertThat(delivered.get(0).millisSinceAppend())
                .isBetween(gateOpened - oldest.appendedAt().toEpochMilli(), written - oldest.appendedAt().toEpochMilli());
        assertThat(delivered.get(1).count()).isEqualTo(1);
    }

    @Test
    void idleStreamGetsHeartbeats() {
        hub.close();
        hub = new Hub(log, HubOptions.DEFAULTS.withHeartbeat(Duration.ofMillis(200)));
        RecordingSink sink = open(Subscription.anonymous(selectors("news")));
        await().atMost(Duration.ofSeconds(2)).until(() -> sink.text().contains(": heartbeat\n"));
    }

    @Test
    void streamEndsCleanlyAtMaxLifetime() {
        hub.close();
        hub = new Hub(log, new HubOptions(Duration.ofSeconds(15), Duration.ofMillis(300), 0,
                Duration.ofSeconds(3), 64, 64, 65536));
        RecordingSink sink = new RecordingSink();
        Connection connection = hub.subscribe(SubscribeRequest.live(Subscription.anonymous(selectors("news"))), sink);
        await().atMost(Duration.ofSeconds(3)).until(() -> hub.connectionCount() == 0);
        assertThat(connection.closeCause()).contains(CloseCause.LIFETIME);
        assertThat(sink.isClosed()).isTrue();
        assertThat(sink.text()).endsWith("retry: 3000\n\n");
    }

    @Test
    void streamEndsWhenCredentialsExpire() {
        RecordingSink sink = new RecordingSink();
        Instant expiry = Clock.systemUTC().instant().plusMillis(300);
        Connection connection = hub.subscribe(SubscribeRequest.live(Subscription.forUser(ALICE, List.of(), List.of()))
                .expiringAt(expiry), sink);
        await().atMost(Duration.ofMillis(2500)).until(() -> !connection.isOpen());
        assertThat(connection.closeCause()).contains(CloseCause.TOKEN_EXPIRED);
        assertThat(Instant.now()).isAfterOrEqualTo(expiry);
    }

    @Test
    void closedStreamsLeaveNothingBehind() {
        Connection a = hub.subscribe(SubscribeRequest.live(Subscription.anonymous(selectors("news", "{x}"))), new RecordingSink());
        Connection b = hub.subscribe(SubscribeRequest.live(Subscription.forUser(ALICE, List.of(), List.of())), new RecordingSink());
        assertThat(hub.connectionCount()).isEqualTo(2);
        a.close(CloseCause.CLIENT_GONE);
        b.close(CloseCause.CLIENT_GONE);
        b.close(CloseCause.ERROR);
        assertThat(hub.connectionCount()).isZero();
        assertThat(b.closeCause()).contains(CloseCause.CLIENT_GONE);
        hub.publish(Publication.of(List.of(NEWS), "nobody listens"));
    }

    @Test
    void failingWriteClosesTheStreamAsClientGone() {
        RecordingSink sink = new RecordingSink();
        Connection connection = hub.subscribe(SubscribeRequest.live(Subscription.anonymous(selectors("news"))), sink);
        await().until(() -> sink.sends() > 0);
        sink.close();
        hub.publish(Publication.of(List.of(NEWS), "into the void"));
        await().until(() -> !connection.isOpen());
        assertThat(connection.closeCause()).contains(CloseCause.CLIENT_GONE);
        await().until(() -> hub.connectionCount() == 0);
    }

    @Test
    void aWriterHandsTheEndOfAStreamToTheCloserThread() {
        // ending a stream takes locks request threads share (container, log appender, limiter):
        // a writer, a virtual thread, must never be the one waiting for them
        RecordingSink gone = new RecordingSink();
        Connection goneConnection = hub.subscribe(SubscribeRequest.live(Subscription.anonymous(selectors("news"))), gone);
        RecordingSink ending = open(Subscription.anonymous(selectors("news")));
        await().until(() -> gone.sends() > 0);
        gone.close();
        hub.publish(Publication.of(List.of(NEWS), "into the void"));
        hub.drain(Duration.ofMillis(1234));

        await().until(() -> hub.connectionCount() == 0);
        assertThat(goneConnection.closeCause()).contains(CloseCause.CLIENT_GONE);
        assertThat(ending.text()).endsWith("retry: 1234\n\n");
        assertThat(ending.closedOn()).isEqualTo("herald-closer");
    }

    @Test
    void streamsHandedToTheCloserAreReleasedWhenTheHubCloses() {
        RecordingSink sink = open(Subscription.anonymous(selectors("news")));
        hub.drain(Duration.ofMillis(1234));
        hub.close();

        assertThat(sink.isClosed()).isTrue();
        assertThat(hub.connectionCount()).isZero();
    }

    @Test
    void drainEndsEveryStreamWithARetryHint() {
        RecordingSink sink = open(Subscription.anonymous(selectors("news")));
        hub.drain(Duration.ofMillis(1234));
        await().until(() -> hub.connectionCount() == 0);
        assertThat(sink.isClosed()).isTrue();
        assertThat(sink.text()).endsWith("retry: 1234\n\n");
        assertThat(Optional.of(hub.options())).isPresent();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
