package dev.herald.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.herald.core.event.Event;
import dev.herald.core.event.Publication;
import dev.herald.core.log.ReadResult;
import dev.herald.core.topic.Topic;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end of the store file chopped off or overwritten with garbage, as a crash mid-write or a
 * damaged disk leaves it: the log opens, says in one WARN line what it discarded and where it now
 * ends, keeps every intact event in order, and never issues an id of the lost tail again.
 */
class DamagedTailTest {

    @TempDir
    Path directory;

    private EmbeddedStoreOptions options() {
        // one commit per append, so that the end of the file is the newest event
        return EmbeddedStoreOptions.in(directory).withFlush(FlushPolicy.always());
    }

    private List<Event> append(EmbeddedEventLog log, int count) {
        List<Event> appended = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            appended.add(log.append(Publication.of(List.of(Topic.of("news")), "event " + i + " " + "x".repeat(300))));
        }
        return appended;
    }

    private List<Event> appendAndClose(int count) {
        try (EmbeddedEventLog log = EmbeddedEventLog.open(options())) {
            return append(log, count);
        }
    }

    /** As {@code kill -9} leaves it: the file ends with the commit of the last append. */
    private List<Event> appendAndCrash(int count) {
        EmbeddedEventLog log = EmbeddedEventLog.open(options());
        List<Event> appended = append(log, count);
        log.crashForTest();
        return appended;
    }

    @Test
    void aTruncatedTailIsDiscardedWithAWarning() throws Exception {
        List<Event> appended = appendAndCrash(30);
        chop(options().file(), 100);
        assertRecoveredWithWarning(appended, "cut short or corrupt");
    }

    @Test
    void aGarbledTailIsDiscardedWithAWarning() throws Exception {
        List<Event> appended = appendAndCrash(30);
        garble(options().file(), 64);
        assertRecoveredWithWarning(appended, "cut short or corrupt");
    }

    @Test
    void aTruncatedTailAfterACleanCloseIsDiscardedWithAWarning() throws Exception {
        List<Event> appended = appendAndClose(30);
        chop(options().file(), 100);
        assertRecoveredWithWarning(appended, "after a clean shutdown");
    }

    @Test
    void aTailOfZeroesIsDiscardedWithAWarning() throws Exception {
        List<Event> appended = appendAndClose(30);
        // a file system that extended the file but never wrote the data
        try (FileChannel file = FileChannel.open(options().file(), StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.allocate(3 * 4096), file.size());
        }
        try (LogCapture warnings = new LogCapture(EmbeddedEventLog.class);
                EmbeddedEventLog log = EmbeddedEventLog.open(options())) {
            assertThat(warnings.lines(Level.WARN)).singleElement().asString()
                    .contains(options().file().toAbsolutePath().toString())
                    .contains("12288 bytes) are no readable commit");
            ReadResult.Found found = (ReadResult.Found) log.readAfter(appended.get(0).id(), 100);
            assertThat(found.events()).containsExactlyElementsOf(appended.subList(1, appended.size()));
        }
        assertTheNextStartIsQuiet();
    }

    @Test
    void aCleanStoreOpensWithoutWarning() {
        appendAndClose(5);
        try (LogCapture warnings = new LogCapture(EmbeddedEventLog.class);
                EmbeddedEventLog log = EmbeddedEventLog.open(options())) {
            assertThat(warnings.lines(Level.WARN)).isEmpty();
            assertThat(log.size()).isEqualTo(5);
        }
    }

    private void assertRecoveredWithWarning(List<Event> appended, String what) {
        Path file = options().file();
        String oldEpoch = appended.get(0).id().value().substring(0, appended.get(0).id().value().indexOf('-'));
        try (LogCapture warnings = new LogCapture(EmbeddedEventLog.class);
                EmbeddedEventLog log = EmbeddedEventLog.open(options())) {
            List<String> lines = warnings.lines(Level.WARN);
            assertThat(lines).singleElement().asString()
                    .contains(file.toAbsolutePath().toString())
                    .contains(what)
                    .contains("the log ends at position");

            // what is left is a prefix of what was appended, in order, field for field
            long recovered = log.size();
            assertThat(recovered).isBetween(1L, (long) appended.size() - 1);
            List<Event> kept = new ArrayList<>();
            ReadResult.Found found = (ReadResult.Found) log.readAfter(appended.get(0).id(), 100);
            kept.add(appended.get(0));
            kept.addAll(found.events());
            assertThat(kept).containsExactlyElementsOf(appended.subList(0, (int) recovered));
            assertThat(lines.get(0)).contains("position " + recovered + " ");

            // the lost tail's ids are answered with a reset, and never issued again
            Event lost = appended.get((int) recovered);
            assertThat(log.readAfter(lost.id(), 10)).isInstanceOf(ReadResult.Reset.class);
            assertThat(log.epoch()).isNotEqualTo(oldEpoch);
            Event next = log.append(Publication.of(List.of(Topic.of("news")), "after recovery"));
            assertThat(next.position()).isEqualTo(lost.position());
            assertThat(appended).extracting(Event::id).doesNotContain(next.id());
            // ids from before the damage still resume exactly
            ReadResult.Found resumed = (ReadResult.Found) log.readAfter(appended.get((int) recovered - 1).id(), 10);
            assertThat(resumed.events()).containsExactly(next);
        }
        assertTheNextStartIsQuiet();
    }

    /** Healed: the damaged bytes are gone, whether or not anything was written since. */
    private void assertTheNextStartIsQuiet() {
        try (LogCapture warnings = new LogCapture(EmbeddedEventLog.class);
                EmbeddedEventLog log = EmbeddedEventLog.open(options())) {
            assertThat(warnings.lines(Level.WARN)).isEmpty();
        }
    }

    private static void chop(Path file, long bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - bytes);
        }
    }

    private static void garble(Path file, int bytes) throws IOException {
        byte[] garbage = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(garbage);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(garbage), channel.size() - bytes);
        }
    }
}
