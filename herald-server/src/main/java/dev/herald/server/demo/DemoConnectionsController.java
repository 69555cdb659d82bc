package dev.herald.server.demo;

import dev.herald.core.hub.Connection;
import dev.herald.core.hub.Hub;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.context.annotation.Conditional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /demo/connections}: how many streams this hub holds, per user. Demo mode only, read-only:
 * it shows (and the browser tests check) that the tabs of one browser share a single connection.
 */
@RestController
@Conditional(DemoModeCondition.class)
final class DemoConnectionsController {

    private final Hub hub;

    DemoConnectionsController(Hub hub) {
        this.hub = hub;
    }

    @GetMapping("/demo/connections")
    DemoConnections connections() {
        Map<String, Integer> byUser = new TreeMap<>();
        int anonymous = 0;
        for (Connection connection : hub.connections()) {
            if (connection.user().isPresent()) {
                byUser.merge(connection.user().get().value(), 1, Integer::sum);
            } else {
                anonymous++;
            }
        }
        return new DemoConnections(hub.connectionCount(), anonymous, byUser);
    }

    /** The answer: all streams, the anonymous ones, and the users' ones by user id. */
    record DemoConnections(int connections, int anonymous, Map<String, Integer> users) {}
}
