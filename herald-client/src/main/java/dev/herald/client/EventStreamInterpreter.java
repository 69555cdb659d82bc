package dev.herald.client;

import java.util.Objects;

/**
 * Interprets decoded lines of an event stream per WHATWG HTML §9.2.6 "Interpreting an event
 * stream" and reports results to an {@link SseListener}.
 *
 * <p>Holds the data, event type and last event ID buffers plus the committed last event ID string.
 * Not thread-safe except {@link #lastEventId()}, which may be read from any thread.
 */
final class EventStreamInterpreter {

    private static final char BOM = '\uFEFF';
    private static final int SHRINK_ABOVE = 64 * 1024;

    private final SseListener listener;
    private StringBuilder data = new StringBuilder();
    private String eventType = "";
    private String lastEventIdBuffer;
    private volatile String lastEventId;
    private boolean atStreamStart = true;

    EventStreamInterpreter(SseListener listener, String initialLastEventId) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.lastEventId = Objects.requireNonNull(initialLastEventId, "initialLastEventId");
        this.lastEventIdBuffer = initialLastEventId;
    }

    String lastEventId() {
        return lastEventId;
    }

    void line(String line) {
        if (atStreamStart) {
            atStreamStart = false;
            if (!line.isEmpty() && line.charAt(0) == BOM) {
                line = line.substring(1);
            }
        }
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        int colon = line.indexOf(':');
        if (colon == 0) {
            listener.onComment(valueAfter(line, 0));
        } else if (colon < 0) {
            field(line, "");
        } else {
            field(line.substring(0, colon), valueAfter(line, colon));
        }
    }

    /** End of stream: discard the pending (non-dispatched) event and re-arm BOM stripping. */
    void end() {
        clearEventBuffers();
        lastEventIdBuffer = lastEventId;
        atStreamStart = true;
    }

    private static String valueAfter(String line, int colon) {
        int start = colon + 1;
        if (start < line.length() && line.charAt(start) == ' ') {
            start++;
        }
        return line.substring(start);
    }

    private void field(String name, String value) {
        switch (name) {
            case "event" -> eventType = value;
            case "data" -> data.append(value).append('\n');
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastEventIdBuffer = value;
                }
            }
            case "retry" -> {
                if (isAsciiDigits(value)) {
                    listener.onRetry(parseSaturated(value));
                }
            }
            default -> {
                // unknown field: ignored per spec
            }
        }
    }

    private void dispatch() {
        lastEventId = lastEventIdBuffer;
        if (data.isEmpty()) {
            eventType = "";
            return;
        }
        int length = data.length();
        if (data.charAt(length - 1) == '\n') {
            length--;
        }
        String payload = data.substring(0, length);
        String type = eventType.isEmpty() ? SseEvent.DEFAULT_TYPE : eventType;
        clearEventBuffers();
        listener.onEvent(new SseEvent(lastEventIdBuffer, type, payload));
    }

    private void clearEventBuffers() {
        eventType = "";
        if (data.capacity() > SHRINK_ABOVE) {
            data = new StringBuilder();
        } else {
            data.setLength(0);
        }
    }

    private static boolean isAsciiDigits(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static long parseSaturated(String digits) {
        long result = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(i) - '0';
            if (result > (Long.MAX_VALUE - digit) / 10) {
                return Long.MAX_VALUE;
            }
            result = result * 10 + digit;
        }
        return result;
    }
}
