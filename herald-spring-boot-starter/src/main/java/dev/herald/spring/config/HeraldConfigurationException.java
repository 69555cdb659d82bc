package dev.herald.spring.config;

/**
 * Herald cannot start with this configuration. Carries what is wrong and what to do, which
 * {@link HeraldConfigurationFailureAnalyzer} prints as the start-up failure report.
 */
public final class HeraldConfigurationException extends RuntimeException {

    private final String action;

    public HeraldConfigurationException(String description, String action) {
        super(description);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
