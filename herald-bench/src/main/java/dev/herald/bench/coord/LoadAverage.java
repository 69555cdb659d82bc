package dev.herald.bench.coord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's 1-minute load average from /proc/loadavg, to tell a quiet run from a crowded one; -1 if unreadable. */
public final class LoadAverage {

    private LoadAverage() {}

    public static double oneMinute() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
