package dev.herald.bench.coord;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;

/** What the n-th publish carries: its sequence number and addressee. */
public sealed interface PlannedEvents permits PlannedEvents.Broadcast, PlannedEvents.Targeted, PlannedEvents.Warmup {

    /** One publish: {@code user} is the subscriber index it is for, or -1 for everyone. */
    record Planned(int seq, int user, boolean marked) {}

    Planned next(long ticket, SplittableRandom random);

    /** Everyone gets every event; seq = ticket. */
    record Broadcast() implements PlannedEvents {
        @Override
        public Planned next(long ticket, SplittableRandom random) {
            return new Planned(Math.toIntExact(ticket), -1, true);
        }
    }

    /** Each event goes to one random user out of {@code users}; seqs count per user. */
    record Targeted(AtomicIntegerArray perUser) implements PlannedEvents {
        public Targeted(int users) {
            this(new AtomicIntegerArray(users));
        }

        @Override
        public Planned next(long ticket, SplittableRandom random) {
            int user = random.nextInt(perUser.length());
            return new Planned(perUser.getAndIncrement(user), user, true);
        }

        public int[] assigned() {
            int[] out = new int[perUser.length()];
            for (int i = 0; i < out.length; i++) {
                out[i] = perUser.get(i);
            }
            return out;
        }
    }

    /**
     * Events without the bench's mark, to warm the server up; subscribers count them as foreign. With
     * {@code users} > 0 each goes to one random user of that many (a targeted run: the warm-up then runs the
     * delivery path too), else to everyone.
     */
    record Warmup(int users) implements PlannedEvents {
        @Override
        public Planned next(long ticket, SplittableRandom random) {
            return new Planned(Math.toIntExact(ticket), users > 0 ? random.nextInt(users) : -1, false);
        }
    }
}
