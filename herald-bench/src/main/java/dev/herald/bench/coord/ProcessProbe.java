package dev.herald.bench.coord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.OptionalLong;

/**
 * Reads a process tree's resident memory ({@code VmRSS} in /proc/PID/status) and CPU time (utime + stime in
 * /proc/PID/stat) — the process and all its descendants, so nginx's master + workers count as one server.
 */
public final class ProcessProbe {

    /** USER_HZ: the unit of utime/stime; 100 on every Linux ABI the JDK runs on. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcessProbe() {}

    public record Sample(long rssKb, long cpuNanos, int processes) {}

    public static OptionalLong rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.substring(6).trim().split("\\s+")[0]));
                }
            }
            return OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    public static OptionalLong cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) is in parentheses and may contain spaces: split after the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of the full line
            return OptionalLong.of(ticks * (1_000_000_000L / TICKS_PER_SECOND));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The process and its descendants, summed; {@code null} when the process does not exist. */
    public static Sample tree(long pid) {
        return trees(List.of(pid));
    }

    /**
     * Several processes (a server of many nodes: hub processes and their Redis) and their descendants, summed;
     * {@code null} when none is given or one of them does not exist.
     */
    public static Sample trees(List<Long> roots) {
        if (roots.isEmpty() || roots.stream().anyMatch(pid -> pid <= 0 || rssKb(pid).isEmpty())) {
            return null;
        }
        Set<Long> pids = new LinkedHashSet<>();
        for (long pid : roots) {
            pids.add(pid);
            ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
        }
        long rss = 0;
        long cpu = 0;
        for (long p : pids) {
            rss += rssKb(p).orElse(0);
            cpu += cpuNanos(p).orElse(0);
        }
        return new Sample(rss, cpu, pids.size());
    }
}
