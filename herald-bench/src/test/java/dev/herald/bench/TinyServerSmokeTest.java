package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.bench.report.ScenarioResult;
import java.nio.file.Path;
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
            assertThat(r.storm().caughtUp()).isEqualTo(30);
            assertThat(r.storm().notCaughtUp()).isZero();
            assertThat(r.storm().catchUp().maxMs()).isPositive();
            assertThat(r.delivery().lost()).isZero();
            assertThat(r.delivery().duplicated()).isZero();
            assertThat(r.delivery().deliveries()).isEqualTo(30 * r.publishing().published());
            assertThat(r.connections().heartbeats()).isGreaterThanOrEqualTo(60); // ": welcome" on each stream
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
        assertThat(r.notes()).anyMatch(n -> n.contains("did not connect"));
    }
}
