package dev.herald.core.presence;

import java.util.Comparator;

/** The order of a listing: by opening time, then node, then id (numerically when both are numbers). */
public final class PresenceOrder implements Comparator<LiveSubscription> {

    public static final PresenceOrder INSTANCE = new PresenceOrder();

    private PresenceOrder() {
    }

    @Override
    public int compare(LiveSubscription a, LiveSubscription b) {
        int bySince = a.since().compareTo(b.since());
        if (bySince != 0) {
            return bySince;
        }
        int byNode = a.node().value().compareTo(b.node().value());
        if (byNode != 0) {
            return byNode;
        }
        int byLength = Integer.compare(a.id().length(), b.id().length());
        return byLength != 0 ? byLength : a.id().compareTo(b.id());
    }
}
