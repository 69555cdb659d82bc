package dev.herald.spring.support;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The smallest application around the starter: auto-configuration only, no component scan. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class TestApplication {

    @Bean
    RecordingObserver recordingObserver() {
        return new RecordingObserver();
    }
}
