package dev.herald.bench.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SourcePortsTest {

    @Test
    void lanesNeverShareAnAddressAndPort() {
        int lanes = 6;
        Set<InetSocketAddress> seen = new HashSet<>();
        for (int lane = 0; lane < lanes; lane++) {
            SourcePorts ports = new SourcePorts(List.of("127.0.0.2", "127.0.0.3"), lane, lanes, 12345L);
            int width = (SourcePorts.HIGH - SourcePorts.LOW) / lanes;
            for (int i = 0; i < 2 * width; i++) {
                InetSocketAddress a = ports.next(i);
                assertThat(a.getPort()).isBetween(SourcePorts.LOW + lane * width, SourcePorts.LOW + (lane + 1) * width - 1);
                assertThat(seen.add(a)).as("%s handed out twice", a).isTrue();
            }
        }
        assertThat(seen).hasSize(2 * (SourcePorts.HIGH - SourcePorts.LOW) / lanes * lanes);
    }

    @Test
    void addressesGoRoundRobinAndNoAddressMeansKernelChoice() {
        SourcePorts ports = new SourcePorts(List.of("127.0.0.2", "127.0.0.3"), 0, 1, 0L);
        assertThat(ports.next(0).getAddress().getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(ports.next(1).getAddress().getHostAddress()).isEqualTo("127.0.0.3");
        assertThat(new SourcePorts(List.of(), 0, 1, 0L).enabled()).isFalse();
    }

    @Test
    void sourceAddressPlanScalesWithSockets() {
        assertThat(SourceAddresses.plan("auto", "127.0.0.2", 100_000, 20_000, true))
                .containsExactly("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6");
        assertThat(SourceAddresses.plan("auto", "127.0.0.255", 30_000, 20_000, true))
                .containsExactly("127.0.0.255", "127.0.1.0");
        assertThat(SourceAddresses.plan("auto", "127.0.0.2", 100_000, 20_000, false)).isEmpty();
        assertThat(SourceAddresses.plan("none", "127.0.0.2", 10, 20_000, true)).isEmpty();
        assertThat(SourceAddresses.plan("127.0.0.9,127.0.0.10", "127.0.0.2", 10, 20_000, true))
                .containsExactly("127.0.0.9", "127.0.0.10");
    }
}
