package dev.herald.core.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.event.EventId;
import dev.herald.core.event.EventType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Encodes events and reads them back with {@link WhatwgReader}, written straight from the WHATWG
 * steps, so the encoder is checked against the rules, not against itself.
 */
class SseEncoderRoundTripTest {

    @Test
    void randomEventsSurviveAnEncodeAndAWhatwgRead() {
        Random random = new Random(42);
        String alphabet = "ab \t:\u00e9\u20ac\ud83d\ude00\n\r\r\n";
        for (int round = 0; round < 2000; round++) {
            String id = "id-" + round + (random.nextBoolean() ? " with space" : "");
            String type = random.nextBoolean() ? "message" : "t" + random.nextInt(5) + ":x";
            StringBuilder data = new StringBuilder();
            int length = random.nextInt(12);
            for (int k = 0; k < length; k++) {
                int pick = random.nextInt(alphabet.length());
                char c = alphabet.charAt(pick);
                data.append(Character.isHighSurrogate(c) ? alphabet.substring(pick, pick + 2) : Character.isLowSurrogate(c) ? "x" : String.valueOf(c));
            }
            byte[] frame = SseEncoder.event(EventId.of(id), EventType.of(type), data.toString(), Optional.empty());
            List<WhatwgReader.Read> read = WhatwgReader.read(": comment\n" + new String(frame, StandardCharsets.UTF_8));
            String expectedData = data.toString().replace("\r\n", "\n").replace('\r', '\n');
            assertThat(read).containsExactly(new WhatwgReader.Read(id, type, expectedData));
        }
    }
}
