package dev.herald.server.demo;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Demo mode is on exactly when no {@code herald.security.jwt.secret} is configured. */
final class DemoModeCondition extends SpringBootCondition {

    static final String SECRET_PROPERTY = "herald.security.jwt.secret";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        if (StringUtils.hasText(context.getEnvironment().getProperty(SECRET_PROPERTY))) {
            return ConditionOutcome.noMatch(SECRET_PROPERTY + " is set: demo mode off");
        }
        return ConditionOutcome.match(SECRET_PROPERTY + " is not set: demo mode with a generated secret");
    }
}
