package dev.herald.bench.worker;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.herald.bench.track.Expectation;

/** What the coordinator tells a worker, in order: connect, (drop, …), finish. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "command")
@JsonSubTypes({
        @JsonSubTypes.Type(value = WorkerCommand.Connect.class, name = "connect"),
        @JsonSubTypes.Type(value = WorkerCommand.Drop.class, name = "drop"),
        @JsonSubTypes.Type(value = WorkerCommand.Finish.class, name = "finish")
})
public sealed interface WorkerCommand {

    /** Open every subscriber (paced). */
    record Connect() implements WorkerCommand {}

    /**
     * Close a {@code fraction} of the open streams now; each reconnects with Last-Event-ID within {@code spreadMillis}.
     * A {@code rehearsal} (a warm-up storm) is not counted: the streams it drops are not the measured storm's.
     */
    record Drop(double fraction, long spreadMillis, long seed, boolean rehearsal) implements WorkerCommand {}

    /** Account against {@code expectation}, report a {@link WorkerResult}, close every socket and stop. */
    record Finish(Expectation expectation) implements WorkerCommand {}
}
