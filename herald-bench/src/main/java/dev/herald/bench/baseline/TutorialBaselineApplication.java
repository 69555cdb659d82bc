package dev.herald.bench.baseline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The usual tutorial design of "notifications over SSE with Spring", kept as a baseline for the benchmark: a map of
 * {@code SseEmitter}s, a publish endpoint that loops over them on the request thread, default Tomcat settings, no
 * auth, no replay. It speaks Herald's URLs and JSON so the same bench options drive both.
 * Run: {@code java -jar herald-bench.jar tutorial-baseline --server.port=8081 --server.address=127.0.0.1}.
 */
@SpringBootApplication
public class TutorialBaselineApplication {

    public static void main(String[] args) {
        SpringApplication.run(TutorialBaselineApplication.class, args);
    }
}
