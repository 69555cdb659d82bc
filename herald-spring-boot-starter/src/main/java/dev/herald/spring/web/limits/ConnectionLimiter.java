package dev.herald.spring.web.limits;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts live streams per user and per remote address, and refuses one more above the limits.
 * A counter is incremented optimistically and taken back when over the limit, so concurrent opens
 * never overshoot; counters at zero are removed so that the maps hold only live keys.
 */
public final class ConnectionLimiter {

    /** Which limit refused a stream. */
    public enum Refusal { USER, ADDRESS }

    /** One live stream's place; released exactly once, when the stream ends. */
    public final class Permit {
        private final Optional<String> user;
        private final String address;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(Optional<String> user, String address) {
            this.user = user;
            this.address = address;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                user.ifPresent(u -> decrement(perUser, u));
                decrement(perAddress, address);
            }
        }
    }

    /** A permit, or the limit that refused it. */
    public sealed interface Outcome {
        record Granted(Permit permit) implements Outcome {
        }

        record Refused(Refusal limit) implements Outcome {
        }
    }

    private final int maxPerUser;
    private final int maxPerAddress;
    private final ConcurrentMap<String, Integer> perUser = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Integer> perAddress = new ConcurrentHashMap<>();

    public ConnectionLimiter(int maxPerUser, int maxPerAddress) {
        this.maxPerUser = maxPerUser;
        this.maxPerAddress = maxPerAddress;
    }

    public Outcome tryAcquire(Optional<String> user, String address) {
        if (!increment(perAddress, address, maxPerAddress)) {
            return new Outcome.Refused(Refusal.ADDRESS);
        }
        if (user.isPresent() && !increment(perUser, user.get(), maxPerUser)) {
            decrement(perAddress, address);
            return new Outcome.Refused(Refusal.USER);
        }
        return new Outcome.Granted(new Permit(user, address));
    }

    public int liveForUser(String user) {
        return perUser.getOrDefault(user, 0);
    }

    private static boolean increment(ConcurrentMap<String, Integer> counts, String key, int max) {
        boolean[] granted = {false};
        counts.compute(key, (k, count) -> {
            int current = count == null ? 0 : count;
            if (current >= max) {
                return count;
            }
            granted[0] = true;
            return current + 1;
        });
        return granted[0];
    }

    private static void decrement(ConcurrentMap<String, Integer> counts, String key) {
        counts.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
    }
}
