package dev.herald.mercure.subscriptions;

import dev.herald.mercure.topic.UriComponent;

/**
 * The {@code ETag} of the subscriptions API: the hub's last event id, which changes whenever an
 * update (a subscription event among them) is published, so a cached list is stale exactly when it
 * changes.
 *
 * <p>RFC 9110 wants the tag quoted, and the protocol's examples show the bare id; this hub sends it
 * quoted (percent-encoded only if the id holds characters a tag cannot) and, in
 * {@code If-None-Match}, accepts it quoted, weak or bare, so clients that echo the id work as well
 * as HTTP caches.
 *
 * @param lastEventId the id the tag stands for
 */
public record EntityTag(String lastEventId) {

    /** The header value. */
    public String header() {
        return "\"" + opaque() + "\"";
    }

    /** Whether an {@code If-None-Match} header names this tag (or {@code *}). */
    public boolean matchedBy(String ifNoneMatch) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        String value = ifNoneMatch.strip();
        if (value.equals("*") || value.equals(lastEventId)) {
            return true;
        }
        for (String candidate : value.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(header()) || tag.equals(lastEventId)) {
                return true;
            }
        }
        return false;
    }

    private String opaque() {
        for (int i = 0; i < lastEventId.length(); i++) {
            char c = lastEventId.charAt(i);
            if (c <= 0x20 || c == '"' || c == 0x7f || c == ',') {
                return UriComponent.encode(lastEventId);
            }
        }
        return lastEventId;
    }
}
