package dev.herald.spring.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link HeraldConfigurationException} into Spring Boot's "APPLICATION FAILED TO START" report. */
public final class HeraldConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<HeraldConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, HeraldConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
