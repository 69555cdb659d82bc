package dev.herald.bench.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadTest {

    @Test
    void roundTripsAndPadsToSize() {
        String p = Payload.encode(42, 1_700_000_000_123_456L, "u7", 100);
        assertThat(p).hasSize(100).startsWith("hb1.42.1700000000123456.u7.");
        Payload.Mark m = Payload.decode(p);
        assertThat(m.seq()).isEqualTo(42);
        assertThat(m.sendMicros()).isEqualTo(1_700_000_000_123_456L);
        assertThat(m.userIs("u7")).isTrue();
        assertThat(m.userIs("u70")).isFalse();
        assertThat(m.broadcast()).isFalse();
    }

    @Test
    void foundInsideJsonAsServersMayForwardIt() {
        String p = Payload.encode(3, 99, Payload.NO_USER, 0);
        Payload.Mark m = Payload.decode("{\"data\":\"" + p + "\",\"x\":1}");
        assertThat(m.seq()).isEqualTo(3);
        assertThat(m.broadcast()).isTrue();
    }

    @Test
    void ignoresForeignOrMangledData() {
        assertThat(Payload.decode("hello")).isNull();
        assertThat(Payload.decode("hb1.x.1.u.")).isNull();
        assertThat(Payload.decode("hb1.1.2")).isNull();
        assertThat(Payload.decode(null)).isNull();
    }

    @Test
    void templateExpandsKnownPlaceholdersOnly() {
        Template t = Template.parse("{\"users\":[\"{user}\"],\"data\":\"{payload}\",\"x\":{}}");
        assertThat(t.uses("user")).isTrue();
        assertThat(t.uses("token")).isFalse();
        assertThat(t.expand(Map.of("user", "u1", "payload", "P")))
                .isEqualTo("{\"users\":[\"u1\"],\"data\":\"P\",\"x\":{}}");
    }
}
