package dev.herald.bench.payload;

import java.time.Clock;
import java.time.Instant;

/**
 * Epoch microseconds from the system's real-time clock (clock_gettime(CLOCK_REALTIME) behind {@link Clock#systemUTC()}),
 * which the coordinator (stamping publishes) and every worker process (reading deliveries) on this machine share.
 */
public final class WallClock {

    private static final Clock CLOCK = Clock.systemUTC();

    private WallClock() {}

    public static long micros() {
        Instant now = CLOCK.instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
