package dev.herald.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.core.event.EventId;
import dev.herald.core.event.Publication;
import dev.herald.core.log.InMemoryEventLog;
import dev.herald.core.log.RetentionPolicy;
import dev.herald.core.sse.WhatwgReader;
import dev.herald.core.topic.Topic;
import dev.herald.core.topic.TopicSelector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fan-out split over several dispatcher shards, and the writer's coalescing of queued frames. */
class HubShardsTest {

    private static final Topic NEWS = Topic.of("news");

    private final InMemoryEventLog log = new InMemoryEventLog(RetentionPolicy.DEFAULT);
    private Hub hub;

    @AfterEach
    void close() {
        hub.close();
    }

    private static Subscription subscription(String... expressions) {
        return Subscription.anonymous(Arrays.stream(expressions).map(TopicSelector::parse).toList());
    }

    @Test
    void everyStreamOnEveryShardGetsEveryEventOnceInLogOrder() {
        hub = new Hub(log, HubOptions.DEFAULTS.withDispatchShards(3));
        List<RecordingSink> sinks = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // exact, pattern and both: each kind on more than one shard
            Subscription subscription = switch (i % 3) {
                case 0 -> subscription("news");
                case 1 -> subscription("{anything}");
                default -> subscription("news", "*");
            };
            RecordingSink sink = new RecordingSink();
            hub.subscribe(SubscribeRequest.live(subscription), sink);
            sinks.add(sink);
        }
        await().until(() -> sinks.stream().allMatch(sink -> sink.text().contains("retry:")));

        List<String> published = IntStream.range(0, 300).mapToObj(Integer::toString).toList();
        for (String data : published) {
            hub.publish(Publication.of(List.of(NEWS), data));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> sinks.stream().allMatch(sink -> sink.data().size() >= 300));
        for (RecordingSink sink : sinks) {
            assertThat(sink.data()).containsExactlyElementsOf(published);
        }
        assertThat(hub.dispatchBacklog()).isZero();
    }

    @Test
    void closedStreamsLeaveEveryShard() {
        hub = new Hub(log, HubOptions.DEFAULTS.withDispatchShards(2));
        List<Connection> connections = IntStream.range(0, 5)
                .mapToObj(i -> hub.subscribe(SubscribeRequest.live(subscription("topic-" + i)), new RecordingSink()))
                .toList();
        assertThat(hub.indexedTopics()).isEqualTo(5);

        connections.subList(0, 4).forEach(connection -> connection.close(CloseCause.CLIENT_GONE));
        assertThat(hub.connectionCount()).isEqualTo(1);
        assertThat(hub.indexedTopics()).isEqualTo(1);
        connections.get(4).close(CloseCause.CLIENT_GONE);
        assertThat(hub.indexedTopics()).isZero();
    }

    @Test
    void framesQueuedDuringABlockedWriteGoOutAsOneWriteInOrder() {
        hub = new Hub(log, HubOptions.DEFAULTS.withDispatchShards(2));
        RecordingSink sink = RecordingSink.gated();
        Connection connection = hub.subscribe(SubscribeRequest.live(subscription("news")), sink);
        // the stream's opening write is blocked: these three wait in its outbox
        hub.publish(Publication.of(List.of(NEWS), "a"));
        hub.publish(Publication.of(List.of(NEWS), "b"));
        hub.publish(Publication.of(List.of(NEWS), "c"));
        await().until(() -> connection.outboxDepth() == 3);

        sink.openGate();
        await().until(() -> sink.data().size() == 3);
        assertThat(sink.data()).containsExactly("a", "b", "c");
        assertThat(sink.sends()).as("the opening, then one write for the three").isEqualTo(2);
        assertThat(connection.outboxDepth()).isZero();
    }

    @Test
    void streamsResumedWhileEventsKeepComingMissNothingAndRepeatNothing() throws Exception {
        // outboxes big enough for the whole burst: a stream cut as a slow consumer is another test
        hub = new Hub(log, HubOptions.DEFAULTS.withDispatchShards(2).withOutboxCapacity(4096));
        int streams = 200;
        int events = 1500;
        List<RecordingSink> first = new ArrayList<>();
        List<Connection> firstConnections = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            RecordingSink sink = new RecordingSink();
            firstConnections.add(hub.subscribe(SubscribeRequest.live(subscription("news")), sink));
            first.add(sink);
        }
        await().until(() -> first.stream().allMatch(sink -> sink.text().contains("retry:")));
        Thread publisher = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < events; i++) {
                hub.publish(Publication.of(List.of(NEWS), Integer.toString(i)));
            }
        });
        await().until(() -> first.stream().allMatch(sink -> !sink.data().isEmpty()));

        // every client drops and comes back with the id of the last event it saw, as the bench's storm does
        List<RecordingSink> resumed = new ArrayList<>();
        List<List<String>> seenBeforeDrop = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            firstConnections.get(i).close(CloseCause.CLIENT_GONE);
            List<WhatwgReader.Read> seen = first.get(i).events();
            seenBeforeDrop.add(seen.stream().map(WhatwgReader.Read::data).toList());
            String lastId = seen.getLast().id();
            RecordingSink sink = new RecordingSink();
            hub.subscribe(SubscribeRequest.live(subscription("news"))
                    .resumingAfter(EventId.of(lastId)), sink);
            resumed.add(sink);
        }
        publisher.join();

        await().atMost(Duration.ofSeconds(20)).until(() -> IntStream.range(0, streams)
                .allMatch(i -> seenBeforeDrop.get(i).size() + resumed.get(i).data().size() >= events));
        List<String> all = IntStream.range(0, events).mapToObj(Integer::toString).toList();
        for (int i = 0; i < streams; i++) {
            List<String> received = new ArrayList<>(seenBeforeDrop.get(i));
            received.addAll(resumed.get(i).data());
            assertThat(received).as("stream %d", i).containsExactlyElementsOf(all);
        }
        assertThat(hub.connectionCount()).isEqualTo(streams);
    }

    @Test
    void atLeastOneShard() {
        hub = new Hub(log, HubOptions.DEFAULTS.withDispatchShards(1));
        assertThatThrownBy(() -> HubOptions.DEFAULTS.withDispatchShards(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(HubOptions.DEFAULTS.dispatchShards()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }
}
