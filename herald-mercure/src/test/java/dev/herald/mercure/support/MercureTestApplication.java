package dev.herald.mercure.support;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The smallest application around the starter and the Mercure module: auto-configuration only,
 * plus the endpoint the browser test's page reports to (its page is {@code static/}).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class MercureTestApplication {

    @Bean
    BrowserResults browserResults() {
        return new BrowserResults();
    }
}
