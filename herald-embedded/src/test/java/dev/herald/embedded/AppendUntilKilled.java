package dev.herald.embedded;

import dev.herald.core.event.Event;
import dev.herald.core.event.Publication;
import dev.herald.core.topic.Topic;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The child process of {@link CrashSafetyTest}: appends from several threads as fast as it can and
 * prints {@code <position> <id>} for every append that returned, i.e. was acknowledged, until it is
 * killed (or a minute has passed, should its parent be gone).
 *
 * <p>Arguments: the store directory, {@code group} or {@code always}, the number of threads.
 */
public final class AppendUntilKilled {

    private AppendUntilKilled() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        FlushPolicy flush = "always".equals(args[1]) ? FlushPolicy.always() : FlushPolicy.DEFAULT;
        int threads = Integer.parseInt(args[2]);
        // unbuffered below the line: a line is written whole, right after its append returned
        PrintStream acks = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        EmbeddedEventLog log = EmbeddedEventLog.open(EmbeddedStoreOptions.in(directory).withFlush(flush));
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        Thread[] publishers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int publisher = t;
            publishers[t] = Thread.ofPlatform().name("publisher-" + t).start(() -> {
                for (int i = 0; System.nanoTime() < deadline; i++) {
                    Event event = log.append(Publication.of(List.of(Topic.of("crash/" + publisher)), publisher + ":" + i));
                    acks.println(event.position().value() + " " + event.id().value());
                }
            });
        }
        for (Thread publisher : publishers) {
            publisher.join();
        }
        log.close();
    }
}
