package dev.herald.server.demo;

/** The secret generated for this run in demo mode; printed so that others can sign tokens too. */
record DemoSecret(String value) {

    @Override
    public String toString() {
        return "DemoSecret[******]";
    }
}
