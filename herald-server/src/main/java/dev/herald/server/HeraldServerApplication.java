package dev.herald.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The standalone Herald hub: the starter on Jetty, with a demo page. Runs with no configuration at
 * all (127.0.0.1:8080, anonymous subscribers, a generated key and demo tokens); every setting can
 * be given as a Spring Boot property or environment variable (docs/configuration.md).
 */
@SpringBootApplication
public class HeraldServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(HeraldServerApplication.class, args);
    }
}
