package dev.herald.server.demo;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Demo mode is on exactly when no key of any kind is configured: any secret, public key or JWKS URL,
 * common or per role, turns it (and its token minting) off.
 */
final class DemoModeCondition extends SpringBootCondition {

    static final String SECRET_PROPERTY = "herald.security.jwt.secret";
    static final List<String> KEY_PROPERTIES = List.of(
            SECRET_PROPERTY, "herald.security.jwt.public-key", "herald.security.jwt.jwk-set-uri",
            "herald.security.jwt.publisher.secret", "herald.security.jwt.publisher.public-key",
            "herald.security.jwt.publisher.jwk-set-uri", "herald.security.jwt.subscriber.secret",
            "herald.security.jwt.subscriber.public-key", "herald.security.jwt.subscriber.jwk-set-uri");

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        for (String property : KEY_PROPERTIES) {
            if (StringUtils.hasText(context.getEnvironment().getProperty(property))) {
                return ConditionOutcome.noMatch(property + " is set: demo mode off");
            }
        }
        return ConditionOutcome.match("no key configured: demo mode with a generated secret");
    }
}
