package dev.herald.embedded;

import java.nio.file.Path;

/**
 * What opening the store file found at its end.
 *
 * @param file             the store file
 * @param existed          whether the file was there before (false: a new store)
 * @param cleanShutdown    whether the previous life closed the store
 * @param sizeBefore       the file's length before opening, in bytes
 * @param intactEnd        where the intact commits end: the furthest end of any chunk recovered
 * @param headerVersion    the newest commit version the file header names
 * @param recoveredVersion the version of the newest intact commit, the one the store opened at
 * @param recoveryMode     whether the store had to be opened in the engine's recovery mode
 * @param tail             what the bytes past {@code intactEnd} are
 * @param tailVersion      for {@link Tail#NEWER_COMMIT}, the version that commit's header names
 */
record TailReport(
        Path file,
        boolean existed,
        boolean cleanShutdown,
        long sizeBefore,
        long intactEnd,
        long headerVersion,
        long recoveredVersion,
        boolean recoveryMode,
        Tail tail,
        long tailVersion) {

    /** The bytes past the last intact commit. */
    enum Tail {
        /** None: the file ends with its last intact commit. */
        NONE,
        /** A commit newer than the recovered one whose chunk is torn, cut short or corrupt: lost. */
        NEWER_COMMIT,
        /** An older chunk the store had already freed, left over at the end of the file: nothing lost. */
        FREED_SPACE,
        /** Bytes that are no chunk at all (garbage, zeroes): assumed lost. */
        UNREADABLE
    }

    /** A new store file. */
    static TailReport created(Path file) {
        return new TailReport(file, false, true, 0, 0, 0, 0, false, Tail.NONE, 0);
    }

    /** Bytes past the last intact commit, which the store will reuse or cut off. */
    long discardedBytes() {
        return Math.max(0, sizeBefore - intactEnd);
    }

    /**
     * Whether commits were lost: a newer commit, or unreadable bytes, past the intact ones; a file
     * header that names a newer commit than the newest intact one; or a file that only opened in
     * recovery mode.
     */
    boolean tailLost() {
        return existed && (tail == Tail.NEWER_COMMIT || tail == Tail.UNREADABLE
                || headerVersion > recoveredVersion || recoveryMode);
    }

    /** What was lost and where, for the WARN line. */
    String describeLoss() {
        StringBuilder text = new StringBuilder();
        switch (tail) {
            case NEWER_COMMIT -> text.append("commit version ").append(tailVersion).append(" at bytes ")
                    .append(intactEnd).append("..").append(sizeBefore).append(" (").append(discardedBytes())
                    .append(" bytes) is torn, cut short or corrupt and was discarded; the last intact commit is version ")
                    .append(recoveredVersion);
            case UNREADABLE -> text.append("bytes ").append(intactEnd).append("..").append(sizeBefore).append(" (")
                    .append(discardedBytes()).append(" bytes) are no readable commit and were discarded");
            case NONE, FREED_SPACE -> { }
        }
        if (headerVersion > recoveredVersion) {
            separate(text).append("the file header names commit version ").append(headerVersion)
                    .append(", newer than the last intact one, ").append(recoveredVersion);
        }
        if (recoveryMode) {
            separate(text).append("the file only opened in the engine's recovery mode");
        }
        return text.toString();
    }

    private static StringBuilder separate(StringBuilder text) {
        return text.isEmpty() ? text : text.append("; ");
    }
}
