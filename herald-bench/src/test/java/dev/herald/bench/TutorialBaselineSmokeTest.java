package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.bench.baseline.TutorialBaselineApplication;
import dev.herald.bench.report.ComparisonReport;
import dev.herald.bench.report.ResultWriter;
import dev.herald.bench.report.ScenarioResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * End to end over real sockets: the tutorial-baseline app (Tomcat, chunked SSE) in this JVM, the bench's NIO
 * subscribers and HTTP publisher against it, tiny sizes.
 */
class TutorialBaselineSmokeTest {

    private static ConfigurableApplicationContext app;
    private static String base;

    @TempDir
    Path out;

    @BeforeAll
    static void startBaseline() {
        app = SpringApplication.run(TutorialBaselineApplication.class, "--server.port=0",
                "--server.address=127.0.0.1", "--server.shutdown=immediate", "--spring.main.banner-mode=off",
                "--logging.level.root=WARN");
        base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stopBaseline() {
        app.close();
    }

    @Test
    void broadcastDeliversEveryEventOnceAndWritesResults() {
        Bench bench = new Bench();
        ScenarioResult r = bench.run("broadcast", out, "--target=tutorial",
                "--subscribe-url=" + base + "/api/subscribe?topic=news",
                "--publish-url=" + base + "/api/events",
                "--publish-body={\"topics\":[\"news\"],\"type\":\"message\",\"data\":\"{payload}\"}",
                "--connections=60", "--events=40", "--publish-concurrency=2", "--payload-bytes=200");

        assertThat(r.connections().connected()).isEqualTo(60);
        assertThat(r.publishing().published()).isEqualTo(40);
        assertThat(r.delivery().deliveries()).isEqualTo(60 * 40);
        assertThat(r.delivery().expected()).isEqualTo(60 * 40);
        assertThat(r.delivery().lost()).isZero();
        assertThat(r.delivery().duplicated()).isZero();
        assertThat(r.delivery().latency().count()).isEqualTo(60 * 40);
        assertThat(r.delivery().latency().p50Ms()).isPositive();
        assertThat(r.delivery().perSecond()).isPositive();
        assertThat(r.resources().toolCpuPercent()).isPositive();
        assertThat(r.resources().toolProcesses()).isEqualTo(1);
        assertThat(bench.progress()).contains("[tutorial broadcast");

        Path json = out.resolve("tutorial-broadcast.json");
        assertThat(json).exists();
        assertThat(out.resolve("tutorial-broadcast.md")).content().contains("| lost events | 0 |");
        assertThat(ResultWriter.read(json)).isEqualTo(r);
        String report = ComparisonReport.render(ComparisonReport.load(out), "herald", List.of("herald", "tutorial"));
        assertThat(report).contains("### broadcast").contains("| deliveries | 2,400 |")
                .contains("Load average (1 min) at the start → end of each run: tutorial ");
    }

    @Test
    void targetedSendsEachUserOnlyTheirEvents() {
        ScenarioResult r = new Bench().run("targeted", out, "--target=tutorial",
                "--subscribe-url=" + base + "/api/subscribe?topic=users/{user}",
                "--publish-url=" + base + "/api/events",
                "--publish-body={\"users\":[\"{user}\"],\"data\":\"{payload}\"}",
                "--connections=40", "--rate=200", "--duration=1", "--warmup=20");

        assertThat(r.connections().connected()).isEqualTo(40);
        assertThat(r.publishing().published()).isBetween(50L, 201L); // paced at 200/s for 1 s, on a busy machine
        assertThat(r.delivery().deliveries()).isEqualTo(r.publishing().published());
        assertThat(r.delivery().lost()).isZero();
        assertThat(r.delivery().misrouted()).isZero();
        assertThat(r.delivery().duplicated()).isZero();
    }

    @Test
    void idleMeasuresServerMemoryPerConnection() {
        long self = ProcessHandle.current().pid(); // the baseline runs in this JVM
        ScenarioResult r = new Bench().run("idle", out, "--target=tutorial",
                "--subscribe-url=" + base + "/api/subscribe?topic=idle", "--connections=50", "--hold=0.3",
                "--server-pid=" + self, "--sources=3");

        assertThat(r.connections().connected()).isEqualTo(50);
        assertThat(r.connections().connectsPerSecond()).isPositive();
        assertThat(r.resources().serverRssBeforeKb()).isPositive();
        assertThat(r.resources().serverRssAfterKb()).isPositive();
        assertThat(r.resources().serverKbPerConnection()).isNotNull();
        assertThat(r.resources().serverCpuPercent()).isNotNull();
        assertThat(r.resources().serverCpuWholeRunPercent()).isNotNull();
        // CPU of the hold only: it starts after the last connect
        assertThat(r.resources().measuringSeconds()).isBetween(0.3, 5.0);
        assertThat(r.wallSeconds()).isGreaterThan(r.resources().measuringSeconds());
        assertThat(r.load().atStart()).isNotNegative();
    }

    @Test
    void childWorkerProcessesReportOverTheWire() {
        ScenarioResult r = new Bench().run("broadcast", out, "--target=tutorial-2p",
                "--subscribe-url=" + base + "/api/subscribe?topic=multi",
                "--publish-url=" + base + "/api/events",
                "--publish-body={\"topics\":[\"multi\"],\"data\":\"{payload}\"}",
                "--connections=40", "--events=25", "--processes=2");

        assertThat(r.resources().toolProcesses()).isEqualTo(3);
        assertThat(r.connections().connected()).isEqualTo(40);
        assertThat(r.delivery().deliveries()).isEqualTo(40 * 25);
        assertThat(r.delivery().lost()).isZero();
        assertThat(r.delivery().duplicated()).isZero();
        assertThat(r.delivery().latency().count()).isEqualTo(40 * 25);
    }

    @Test
    void reconnectStormWithoutReplayLosesEventsAndTheBenchSaysSo() {
        ScenarioResult r = new Bench().run("reconnect-storm", out, "--target=tutorial",
                "--subscribe-url=" + base + "/api/subscribe?topic=storm",
                "--publish-url=" + base + "/api/events",
                "--publish-body={\"topics\":[\"storm\"],\"data\":\"{payload}\"}",
                "--connections=20", "--rate=200", "--duration=2", "--storm-at=0.5", "--storm-spread=300",
                "--quiet=1000");

        assertThat(r.storm().dropped()).isEqualTo(20);
        assertThat(r.connections().connected()).isEqualTo(20);
        assertThat(r.delivery().lost()).isPositive();
        assertThat(r.delivery().subscribersWithLoss()).isPositive();
        assertThat(r.storm().notCaughtUp()).isPositive();
        assertThat(Files.exists(out.resolve("tutorial-reconnect-storm.json"))).isTrue();
    }
}
