package dev.herald.bench.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every option of a scenario run, with defaults applied. See {@link Usage} for what each one means. */
public record BenchOptions(
        String scenario,
        String caseName,
        String target,
        List<String> subscribeUrls,
        List<String> subscribeHeaders,
        String publishUrl,
        List<String> publishHeaders,
        String publishBody,
        int publishBatch,
        String publishBatchBody,
        int payloadBytes,
        int connections,
        String userPrefix,
        String jwtSecret,
        List<String> tokenSubscribe,
        List<String> tokenPublish,
        long tokenTtlSeconds,
        int events,
        double rate,
        double durationSeconds,
        int publishConcurrency,
        long publishTimeoutMillis,
        int maxPublishFailures,
        int warmupEvents,
        double connectRate,
        int maxPendingConnects,
        long connectTimeoutMillis,
        double connectBudgetSeconds,
        double connectStallSeconds,
        long retryMillis,
        int maxAttempts,
        double holdSeconds,
        double drainTimeoutSeconds,
        long quietMillis,
        double stormAtSeconds,
        double stormFraction,
        long stormSpreadMillis,
        int warmupStorms,
        List<Long> serverPids,
        int processes,
        int connectionsPerProcess,
        int ioThreads,
        List<String> workerJvmOptions,
        String sources,
        String sourceBase,
        int connectionsPerSource,
        Path out,
        long seed) {

    public static final Set<String> NAMES = Set.of(
            "case", "target", "subscribe-url", "subscribe-header", "publish-url", "publish-header", "publish-body",
            "publish-batch", "publish-batch-body",
            "payload-bytes", "connections", "user-prefix", "jwt-secret", "token-subscribe", "token-publish",
            "token-ttl", "events", "rate", "duration", "publish-concurrency",
            "publish-timeout", "max-publish-failures", "warmup", "connect-rate",
            "max-pending-connects", "connect-timeout", "connect-budget", "connect-stall", "retry", "max-attempts", "hold", "drain-timeout", "quiet",
            "storm-at", "storm-fraction", "storm-spread", "warmup-storms", "server-pid", "processes", "conns-per-process",
            "io-threads", "worker-jvm-opts", "sources", "source-base", "conns-per-source", "out", "seed");

    public static final String DEFAULT_BODY = "{\"topics\":[\"bench\"],\"type\":\"message\",\"data\":\"{payload}\"}";
    public static final String DEFAULT_BATCH_BODY = "{\"events\":[{events}]}";

    public static BenchOptions from(String scenario, Args a) {
        double defaultRate = switch (scenario) {
            case "targeted" -> 200;
            case "reconnect-storm" -> 50;
            default -> 0;
        };
        List<String> subscribeUrls = a.all("subscribe-url").isEmpty()
                ? List.of("http://127.0.0.1:8080/api/subscribe?topic=bench")
                : a.all("subscribe-url");
        BenchOptions o = new BenchOptions(
                scenario,
                a.string("case", scenario),
                a.string("target", "server"),
                subscribeUrls,
                a.all("subscribe-header"),
                a.string("publish-url", "http://127.0.0.1:8080/api/events"),
                a.all("publish-header"),
                a.string("publish-body", DEFAULT_BODY),
                a.integer("publish-batch", 1),
                a.string("publish-batch-body", DEFAULT_BATCH_BODY),
                a.integer("payload-bytes", 64),
                a.integer("connections", 100),
                a.string("user-prefix", "u"),
                a.string("jwt-secret", System.getenv("HERALD_SECURITY_JWT_SECRET")),
                a.list("token-subscribe", List.of("*")),
                a.list("token-publish", List.of("*")),
                a.longValue("token-ttl", 3600),
                a.integer("events", 100),
                a.decimal("rate", defaultRate),
                a.decimal("duration", 10),
                a.integer("publish-concurrency", defaultConcurrency(a.decimal("rate", defaultRate))),
                a.longValue("publish-timeout", 30_000),
                a.integer("max-publish-failures", 0),
                a.integer("warmup", 0),
                a.decimal("connect-rate", 2000),
                a.integer("max-pending-connects", 256),
                a.longValue("connect-timeout", 10_000),
                a.decimal("connect-budget", 0),
                a.decimal("connect-stall", 0),
                a.longValue("retry", 1000),
                a.integer("max-attempts", 3),
                a.decimal("hold", 5),
                a.decimal("drain-timeout", 30),
                a.longValue("quiet", 3000),
                a.decimal("storm-at", 3),
                a.decimal("storm-fraction", 1.0),
                a.longValue("storm-spread", 1000),
                a.integer("warmup-storms", 0),
                a.all("server-pid").stream().flatMap(v -> Arrays.stream(v.split(",")))
                        .filter(v -> !v.isBlank()).map(BenchOptions::pid).toList(),
                a.integer("processes", 0),
                a.integer("conns-per-process", 18_000),
                a.integer("io-threads", Math.min(2, Runtime.getRuntime().availableProcessors())),
                List.of(a.string("worker-jvm-opts", "-XX:+UseSerialGC -Xss512k").trim().split("\\s+")),
                a.string("sources", "auto"),
                a.string("source-base", "127.0.0.2"),
                a.integer("conns-per-source", 20_000),
                Path.of(a.string("out", "bench-results")),
                a.longValue("seed", 42));
        o.validate();
        return o;
    }

    private static long pid(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--server-pid wants process ids (comma-separated), got " + value);
        }
    }

    /** Saturated: 4 in flight. Fixed rate: enough in flight to keep the pace with acks of up to 80 ms. */
    static int defaultConcurrency(double rate) {
        return rate <= 0 ? 4 : Math.max(4, (int) Math.ceil(rate / 12.5));
    }

    private void validate() {
        require(connections > 0, "--connections must be > 0");
        require(payloadBytes >= 0 && payloadBytes <= 1 << 20, "--payload-bytes must be in [0, 1 MiB]");
        require(events >= 0, "--events must be >= 0");
        require(rate >= 0, "--rate must be >= 0 (0 = saturated)");
        require(publishConcurrency > 0, "--publish-concurrency must be > 0");
        require(publishBatch > 0, "--publish-batch must be > 0 (1 = one event per request)");
        require(publishBatch == 1 || publishBatchBody.contains("{events}"),
                "--publish-batch-body must contain {events}: the bodies of the batch's events go there");
        require(publishTimeoutMillis > 0, "--publish-timeout must be > 0");
        require(maxPublishFailures >= 0, "--max-publish-failures must be >= 0 (0 = no limit)");
        require(caseName.matches("[A-Za-z0-9._-]+"), "--case must be a plain name ([A-Za-z0-9._-]+)");
        require(stormFraction >= 0 && stormFraction <= 1, "--storm-fraction must be in [0, 1]");
        require(warmupStorms >= 0, "--warmup-storms must be >= 0");
        require(connectionsPerProcess > 0 && connectionsPerProcess <= 19_000,
                "--conns-per-process must be in (0, 19000]: each process may hold 20,000 open files");
        require(connectionsPerSource > 0 && connectionsPerSource <= 28_000,
                "--conns-per-source must be in (0, 28000] (ephemeral ports per source address)");
        require(ioThreads > 0, "--io-threads must be > 0");
        require(connectBudgetSeconds >= 0, "--connect-budget must be >= 0 (0 = from rate, timeout and attempts)");
        require(connectStallSeconds >= 0, "--connect-stall must be >= 0 (0 = off)");
        require(publishBody.contains("{payload}") || publishUrl.contains("{payload}"),
                "--publish-body must contain {payload}: the bench reads sequence number and send time from it");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The parameters worth recording next to the results (no secrets). */
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("connections", connections);
        p.put("payloadBytes", payloadBytes);
        switch (scenario) {
            case "idle" -> p.put("holdSeconds", holdSeconds);
            case "broadcast" -> {
                p.put("events", events);
                p.put("rate", rate == 0 ? "saturated" : rate);
                p.put("publishConcurrency", publishConcurrency);
                p.put("warmupEvents", warmupEvents);
            }
            case "targeted" -> {
                p.put("rate", rate);
                p.put("durationSeconds", durationSeconds);
                p.put("publishConcurrency", publishConcurrency);
                p.put("warmupEvents", warmupEvents);
            }
            case "reconnect-storm" -> {
                p.put("rate", rate);
                p.put("durationSeconds", durationSeconds);
                p.put("stormAtSeconds", stormAtSeconds);
                p.put("stormFraction", stormFraction);
                p.put("stormSpreadMillis", stormSpreadMillis);
                p.put("warmupEvents", warmupEvents);
                p.put("warmupStorms", warmupStorms);
            }
            default -> { }
        }
        if (subscribeUrls.size() > 1) {
            p.put("subscribeNodes", subscribeUrls.size());
        }
        p.put("subscribeUrl", String.join(" ", subscribeUrls));
        if (!scenario.equals("idle")) {
            p.put("publishUrl", publishUrl);
            p.put("publishBody", publishBody);
            if (publishBatch > 1) {
                p.put("publishBatch", publishBatch);
                p.put("publishBatchBody", publishBatchBody);
            }
        }
        return p;
    }
}
