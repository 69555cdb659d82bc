package dev.herald.bench.coord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Several server processes (hub nodes and their Redis) are measured as one server. */
class ProcessProbeTest {

    @Test
    void sumsSeveralProcessTreesAndCountsSharedOnesOnce() throws Exception {
        long self = ProcessHandle.current().pid();
        Process other = new ProcessBuilder("sleep", "30").start();
        try {
            long otherPid = other.pid();
            ProcessProbe.Sample one = ProcessProbe.trees(List.of(otherPid));
            ProcessProbe.Sample both = ProcessProbe.trees(List.of(self, otherPid));
            ProcessProbe.Sample twice = ProcessProbe.trees(List.of(otherPid, otherPid));

            assertThat(one.processes()).isEqualTo(1);
            assertThat(both.processes()).isGreaterThanOrEqualTo(2); // our own tree holds the sleep too
            assertThat(both.rssKb()).isGreaterThan(one.rssKb());
            assertThat(twice.processes()).isEqualTo(1);
            assertThat(twice.rssKb()).isEqualTo(one.rssKb());
        } finally {
            other.destroyForcibly().waitFor();
        }
    }

    @Test
    void aMissingProcessGivesNoFigureRatherThanAPartialOne() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long self = ProcessHandle.current().pid();
        assertThat(ProcessProbe.trees(List.of(self, gone.pid()))).isNull();
        assertThat(ProcessProbe.trees(List.of())).isNull();
    }
}
