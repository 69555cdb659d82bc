package dev.herald.spring.logging;

import dev.herald.core.event.UserId;
import dev.herald.core.hub.CloseCause;
import dev.herald.core.hub.Connection;
import dev.herald.core.hub.HubObserver;
import dev.herald.core.presence.NodeId;
import dev.herald.core.topic.TopicSelector;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * One INFO line when a stream opens and one when it closes, with its user, topics, (on close)
 * cause and age, and the node ({@code herald.node}), on the logger {@code dev.herald.connections} (set it to WARN to silence them). A
 * client going away is an ordinary close with cause {@code client-gone}: never a stack trace.
 */
public final class ConnectionLog implements HubObserver {

    private static final Logger log = LoggerFactory.getLogger("dev.herald.connections");

    private final NodeId node;

    public ConnectionLog(NodeId node) {
        this.node = node;
    }

    @Override
    public void connectionOpened(Connection connection) {
        if (log.isInfoEnabled()) {
            log.info("stream {} opened: user={} topics={} from={} node={}", connection.id(), user(connection),
                    topics(connection), remoteAddress(), node);
        }
    }

    /**
     * The client's address: the hub opens a stream on the request's own thread, so the request is at
     * hand. Behind a proxy it is the proxy's, unless the application trusts X-Forwarded-For
     * ({@code server.forward-headers-strategy=native}, docs/operations.md).
     */
    private static String remoteAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest().getRemoteAddr();
        }
        return "-";
    }

    @Override
    public void connectionClosed(Connection connection, CloseCause cause) {
        if (log.isInfoEnabled()) {
            log.info("stream {} closed: user={} topics={} cause={} after {}s node={}", connection.id(), user(connection),
                    topics(connection), cause.label(),
                    Duration.between(connection.openedAt(), Instant.now()).toSeconds(), node);
        }
    }

    private static String user(Connection connection) {
        return connection.user().map(UserId::value).orElse("anonymous");
    }

    private static String topics(Connection connection) {
        return connection.subscription().selectors().stream().map(TopicSelector::expression)
                .collect(Collectors.joining(",", "[", "]"));
    }
}
