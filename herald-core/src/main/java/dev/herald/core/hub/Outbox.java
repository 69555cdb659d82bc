package dev.herald.core.hub;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A connection's bounded queue of frames waiting to be written, and the flag that lets at most
 * one writer drain it at a time. Many producers (a dispatcher shard, the heartbeat), one consumer:
 * the writer that holds the claim. Lock-free: offering never blocks, so a slow client never holds
 * up the producer.
 *
 * <p>The dispatcher offers to every matching stream for every event, so this is the hottest code
 * of the fan-out: the queue is a linked list kept in this object's own fields (no separate queue
 * object), and the size and the claim are plain fields updated through {@link VarHandle}s (no
 * atomic wrapper objects). An offer touches this object, the previous tail node and a new node.
 */
final class Outbox {

    private static final VarHandle SIZE;
    private static final VarHandle DRAINING;
    private static final VarHandle TAIL;
    private static final VarHandle NEXT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SIZE = lookup.findVarHandle(Outbox.class, "size", int.class);
            DRAINING = lookup.findVarHandle(Outbox.class, "draining", int.class);
            TAIL = lookup.findVarHandle(Outbox.class, "tail", Node.class);
            NEXT = lookup.findVarHandle(Node.class, "next", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A link of the queue; {@code next} is set once, by the producer that appended after it, and cleared once the consumer has passed it. */
    private static final class Node {
        Frame frame;
        volatile Node next;

        Node(Frame frame) {
            this.frame = frame;
        }
    }

    private final int capacity;
    /** Frames offered and not yet taken; may briefly run ahead of the queue. */
    private volatile int size;
    /** 1 while a writer holds the right to drain. */
    private volatile int draining;
    /** The consumer's end: a node whose frame has been taken (or the initial empty node). */
    private Node head;
    /** The producers' end, swapped atomically by each offer. */
    private volatile Node tail;

    Outbox(int capacity) {
        this.capacity = capacity;
        Node empty = new Node(null);
        this.head = empty;
        this.tail = empty;
    }

    /** Adds a frame, or answers false when the outbox is full. Any thread. */
    boolean offer(Frame frame) {
        if ((int) SIZE.getAndAdd(this, 1) >= capacity) {
            SIZE.getAndAdd(this, -1);
            return false;
        }
        Node node = new Node(frame);
        Node previous = (Node) TAIL.getAndSet(this, node);
        // Between the swap and this link the consumer sees the queue end at previous: it may
        // release its claim, but the offering thread claims (or sees a claim) only after linking.
        // The link and the writer's release are both volatile writes followed by a volatile read of
        // the other's field, so at least one of the two sees the other.
        previous.next = node;
        return true;
    }

    /** The next frame, or null. Only by the claim holder; the caller reports what it took with {@link #taken}. */
    Frame poll() {
        Node passed = head;
        Node next = passed.next;
        if (next == null) {
            return null;
        }
        head = next;
        // Unlink the node left behind. A queued node can outlive a young collection and be promoted;
        // left linked, that dead node would keep its successor alive from the old generation, which
        // gets promoted in turn and keeps the next one: every later node of a busy stream promoted,
        // and young collections that copy and scan them (scale.md §22). No one else reads a passed
        // node's link (producers write only to the tail they swapped out), so a plain write does.
        NEXT.set(passed, null);
        Frame frame = next.frame;
        next.frame = null;
        return frame;
    }

    /** Frames the claim holder has polled since it last reported, which frees their room. */
    void taken(int frames) {
        if (frames > 0) {
            SIZE.getAndAdd(this, -frames);
        }
    }

    /** Whether nothing is linked after the consumer's end. Only by the claim holder, or after a failed claim. */
    boolean isEmpty() {
        return head.next == null;
    }

    int depth() {
        return Math.max(0, size);
    }

    /** Takes the right to drain; true for exactly one caller until {@link #release}. */
    boolean claim() {
        // a volatile read first: while a writer runs (the common case under load) no CAS is needed
        return draining == 0 && DRAINING.compareAndSet(this, 0, 1);
    }

    void release() {
        draining = 0;
    }

    /**
     * Drops what is queued, if no writer is draining (a running writer sees its stream closed and
     * stops; the frames go with the connection). For a closed stream.
     */
    void clear() {
        if (!claim()) {
            return;
        }
        int dropped = 0;
        while (poll() != null) {
            dropped++;
        }
        taken(dropped);
        release();
    }
}
