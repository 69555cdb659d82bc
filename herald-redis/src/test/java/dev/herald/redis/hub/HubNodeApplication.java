package dev.herald.redis.hub;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The smallest Herald node: the starter's and this module's auto-configuration, nothing else. */
@SpringBootApplication
public class HubNodeApplication {
}
