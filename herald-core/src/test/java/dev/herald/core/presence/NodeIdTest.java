package dev.herald.core.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Node names: what they may hold, and the defaults a node takes without {@code herald.node}. */
class NodeIdTest {

    @Test
    void namesHoldLettersDigitsAndAFewSeparatorsOnly() {
        assertThat(new NodeId("eu-west_1.hub:8080").value()).isEqualTo("eu-west_1.hub:8080");
        assertThatThrownBy(() -> new NodeId("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeId("a b")).hasMessageContaining("' '");
        assertThatThrownBy(() -> new NodeId("hub/1")).hasMessageContaining("'/'");
        assertThatThrownBy(() -> new NodeId("hüb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeId("x".repeat(NodeId.MAX_LENGTH + 1))).hasMessageContaining("128");
    }

    @Test
    void aFixedPortGivesAStableNameAndARandomPortAFreshOne() {
        NodeId fixed = NodeId.defaultFor(8080);
        assertThat(fixed.value()).endsWith(":8080");
        assertThat(NodeId.defaultFor(8080)).isEqualTo(fixed);

        NodeId first = NodeId.defaultFor(0);
        NodeId second = NodeId.defaultFor(0);
        assertThat(first.value()).startsWith(fixed.value().substring(0, fixed.value().length() - ":8080".length()) + "-");
        assertThat(first).isNotEqualTo(second);
    }
}
