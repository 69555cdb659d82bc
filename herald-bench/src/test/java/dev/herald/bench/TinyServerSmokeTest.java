package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.bench.report.ScenarioResult;
import dev.herald.bench.report.SmokeCheck;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a server that replays after Last-Event-ID, and one that injects loss and duplicates. */
class TinyServerSmokeTest {

    @TempDir
    Path out;

    @Test
    void stormWithReplayLosesNothingAndEveryoneCatchesUp() throws Exception {
        try (TinySseServer server = new TinySseServer(true, TinySseServer.Faults.NONE)) {
            String base = "http://127.0.0.1:" + server.port();
            ScenarioResult r = new Bench().run("reconnect-storm", out, "--target=tiny",
                    "--subscribe-url=" + base + "/sub/storm", "--publish-url=" + base + "/pub/storm",
                    "--publish-body={payload}", "--connections=30", "--rate=100", "--duration=2",
                    "--storm-at=0.5", "--storm-spread=300");

            assertThat(r.connections().connected()).isEqualTo(30);
            assertThat(r.storm().dropped()).isEqualTo(30);
            assertThat(r.storm().resumed()).isEqualTo(30);
            assertThat(r.storm().caughtUp()).isEqualTo(30);
            assertThat(r.storm().caughtUpWithinTarget()).isEqualTo(30);
            assertThat(r.storm().notCaughtUp()).isZero();
            assertThat(r.storm().catchUp().count()).isEqualTo(30);
            assertThat(r.storm().catchUp().maxMs()).isPositive();
            // a resumed stream catches up by replay, within a few ms of its reconnect, not after the next live event
            assertThat(r.storm().catchUp().p99Ms()).isLessThan(2_000);
            assertThat(SmokeCheck.problems(List.of(r), List.of("reconnect-storm"), List.of("tiny"), List.of("tiny")))
                    .isEmpty();
            assertThat(SmokeCheck.problems(List.of(r), List.of("reconnect-storm", "idle"), List.of("tiny", "nchan"),
                    List.of("tiny"))).containsExactlyInAnyOrder("nchan / reconnect-storm: no result",
                    "tiny / idle: no result", "nchan / idle: no result");
            assertThat(r.delivery().lost()).isZero();
            assertThat(r.delivery().duplicated()).isZero();
            assertThat(r.delivery().deliveries()).isEqualTo(30 * r.publishing().published());
            assertThat(r.connections().heartbeats()).isGreaterThanOrEqualTo(60); // ": welcome" on each stream
        }
    }

    @Test
    void aWarmupStormReconnectsEveryStreamButOnlyTheMeasuredStormIsCounted() throws Exception {
        try (TinySseServer server = new TinySseServer(true, TinySseServer.Faults.NONE)) {
            String base = "http://127.0.0.1:" + server.port();
            ScenarioResult r = new Bench().run("reconnect-storm", out, "--target=tiny-warm",
                    "--subscribe-url=" + base + "/sub/warm", "--publish-url=" + base + "/pub/warm",
                    "--publish-body={payload}", "--connections=20", "--rate=100", "--duration=1.5",
                    "--storm-at=0.5", "--storm-spread=300", "--warmup=5", "--warmup-storms=1", "--quiet=500");

            // 20 first streams, 20 after the warm-up storm, 20 after the measured one
            assertThat(server.streamsServed(0)).isEqualTo(60);
            assertThat(r.storm().dropped()).isEqualTo(20);
            assertThat(r.storm().resumed()).isEqualTo(20);
            assertThat(r.storm().caughtUp()).isEqualTo(20);
            assertThat(r.delivery().lost()).isZero();
            assertThat(r.delivery().duplicated()).isZero();
            assertThat(r.delivery().deliveries()).isEqualTo(20 * r.publishing().published());
            assertThat(r.parameters()).containsEntry("warmupStorms", 1);
        }
    }

    @Test
    void stormWhoseSubscribersAllReconnectAfterTheLastPublishStillCountsEveryOne() throws Exception {
        // publishing ends at 0.6 s; the drop is at 0.3 s and the reconnects come up to 1.5 s later: most streams
        // reconnect when no event will ever come again, which the old rule (wait for a live event) never counted
        try (TinySseServer server = new TinySseServer(true, TinySseServer.Faults.NONE)) {
            String base = "http://127.0.0.1:" + server.port();
            ScenarioResult r = new Bench().run("reconnect-storm", out, "--target=tiny-late",
                    "--subscribe-url=" + base + "/sub/late", "--publish-url=" + base + "/pub/late",
                    "--publish-body={payload}", "--connections=20", "--rate=100", "--duration=0.6",
                    "--storm-at=0.3", "--storm-spread=1500", "--quiet=500");

            assertThat(r.storm().dropped()).isEqualTo(20);
            assertThat(r.storm().caughtUp()).isEqualTo(20);
            assertThat(r.storm().notCaughtUp()).isZero();
            assertThat(r.delivery().lost()).isZero();
        }
    }

    @Test
    void subscribersAreSpreadOverSeveralNodesAndMeasuredAsOne() throws Exception {
        try (TinySseServer server = new TinySseServer(true, TinySseServer.Faults.NONE, 3)) {
            ScenarioResult r = new Bench().run("broadcast", out, "--target=tiny-nodes", "--case=broadcast-nodes",
                    "--subscribe-url=http://127.0.0.1:" + server.port(0) + "/sub/n",
                    "--subscribe-url=http://127.0.0.1:" + server.port(1) + "/sub/n",
                    "--subscribe-url=http://127.0.0.1:" + server.port(2) + "/sub/n",
                    "--publish-url=http://127.0.0.1:" + server.port(1) + "/pub/n",
                    "--publish-body={payload}", "--connections=31", "--events=20", "--processes=2");

            assertThat(server.streamsServed(0)).isEqualTo(11);
            assertThat(server.streamsServed(1)).isEqualTo(10);
            assertThat(server.streamsServed(2)).isEqualTo(10);
            assertThat(r.caseName()).isEqualTo("broadcast-nodes");
            assertThat(r.parameters()).containsEntry("subscribeNodes", 3);
            assertThat(r.delivery().deliveries()).isEqualTo(31 * 20);
            assertThat(r.delivery().lost()).isZero();
            assertThat(r.delivery().duplicated()).isZero();
            assertThat(out.resolve("tiny-nodes-broadcast-nodes.json")).exists();
        }
    }

    @Test
    void identityFramedStream() throws Exception {
        try (TinySseServer server = new TinySseServer(false, TinySseServer.Faults.NONE)) {
            String base = "http://127.0.0.1:" + server.port();
            ScenarioResult r = new Bench().run("broadcast", out, "--target=tiny-identity",
                    "--subscribe-url=" + base + "/sub/b", "--publish-url=" + base + "/pub/b",
                    "--publish-body={payload}", "--connections=20", "--events=30", "--rate=300");

            assertThat(r.delivery().deliveries()).isEqualTo(20 * 30);
            assertThat(r.delivery().lost()).isZero();
            assertThat(r.delivery().duplicated()).isZero();
        }
    }

    @Test
    void countsInjectedLossAndDuplicatesExactly() throws Exception {
        // server ids 1..35: every 5th is never sent (7 per subscriber), every 7th is sent twice (7,14,21,28: 4)
        try (TinySseServer server = new TinySseServer(true, new TinySseServer.Faults(5, 7))) {
            String base = "http://127.0.0.1:" + server.port();
            ScenarioResult r = new Bench().run("broadcast", out, "--target=tiny-faulty",
                    "--subscribe-url=" + base + "/sub/f", "--publish-url=" + base + "/pub/f",
                    "--publish-body={payload}", "--connections=10", "--events=35", "--quiet=500");

            assertThat(r.delivery().lost()).isEqualTo(10 * 7);
            assertThat(r.delivery().duplicated()).isEqualTo(10 * 4);
            assertThat(r.delivery().subscribersWithLoss()).isEqualTo(10);
            assertThat(r.delivery().subscribersWithDuplicates()).isEqualTo(10);
            assertThat(r.notes()).anyMatch(n -> n.contains("70 lost"));
            assertThat(SmokeCheck.problems(List.of(r), List.of("broadcast"), List.of("tiny-faulty"),
                    List.of("tiny-faulty"))).containsExactly("tiny-faulty / broadcast: 70 lost, 40 duplicated, 0 misrouted");
            assertThat(SmokeCheck.problems(List.of(r), List.of("broadcast"), List.of("tiny-faulty"), List.of()))
                    .isEmpty();
        }
    }

    @Test
    void publishingGivesUpAfterTheAllowedFailuresInsteadOfWaitingOutEveryEvent() throws Exception {
        int closedPort;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (TinySseServer server = new TinySseServer(true, TinySseServer.Faults.NONE)) {
            ScenarioResult r = new Bench().run("broadcast", out, "--target=tiny-no-publisher",
                    "--subscribe-url=http://127.0.0.1:" + server.port() + "/sub/g",
                    "--publish-url=http://127.0.0.1:" + closedPort + "/pub/g", "--publish-body={payload}",
                    "--connections=5", "--events=1000", "--rate=50", "--max-publish-failures=3",
                    "--publish-timeout=2000", "--quiet=300");

            assertThat(r.publishing().published()).isZero();
            assertThat(r.publishing().failed()).isBetween(3L, 6L); // 3, plus what was in flight (4 at most)
            assertThat(r.notes()).anyMatch(n -> n.contains("publishing stopped after 3 failed publishes"));
            assertThat(r.delivery().lost()).isZero();
        }
    }

    @Test
    void aServerThatStopsAcceptingEndsTheConnectPhaseAfterTheStallNotAfterEveryTimeout() throws Exception {
        // a listening socket nobody accepts from: connections sit in the backlog, as past a server's connection cap
        try (var full = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            ScenarioResult r = new Bench().run("idle", out, "--target=capped",
                    "--subscribe-url=http://127.0.0.1:" + full.getLocalPort() + "/sub/x", "--connections=5",
                    "--hold=0", "--connect-timeout=60000", "--connect-stall=1");

            assertThat(r.connections().connected()).isZero();
            assertThat(r.wallSeconds()).isLessThan(20); // one connect timeout alone is 60 s
            assertThat(r.notes()).anyMatch(n -> n.contains("connect phase ended: no subscriber connected for 1 s"));
        }
    }

    @Test
    void connectionFailuresAreReportedNotHidden() throws Exception {
        int closedPort;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        ScenarioResult r = new Bench().run("idle", out, "--target=nobody",
                "--subscribe-url=http://127.0.0.1:" + closedPort + "/sub/x", "--connections=5", "--hold=0",
                "--retry=50", "--max-attempts=2");
        assertThat(r.connections().connected()).isZero();
        assertThat(r.connections().failed()).isEqualTo(5);
        assertThat(r.connections().connectErrors()).isEqualTo(10);
        assertThat(r.notes()).anyMatch(n -> n.contains("had not connected when the connect phase ended"));
    }
}
