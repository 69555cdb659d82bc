package dev.herald.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the MVStore file of a log and finds out what, if anything, its end lost.
 *
 * <p>MVStore never overwrites live data: each commit writes a new chunk, framed by a header and a
 * footer with checksums, and opening the file picks the newest chunk that is intact. A chunk torn
 * by a crash, or bytes chopped or garbled at the end of the file, are therefore skipped rather than
 * fatal; this class measures what was skipped, so that the log can say so: the bytes past the last
 * intact chunk (and whether they start with the header of a newer commit, or of an old chunk the
 * store had freed), and a file header that names a newer commit than any intact one. Only a file
 * whose beginning is damaged (both copies of the file header) refuses to open: nothing is thrown
 * away silently then.
 */
final class StoreFile {

    private static final Logger log = LoggerFactory.getLogger(StoreFile.class);
    /** MVStore pads a chunk header to at most this many bytes; it is one line of {@code key:value} pairs. */
    private static final int CHUNK_HEADER_BYTES = 1024;

    /** An open store and what its end looked like. */
    record Opened(MVStore store, TailReport report) {
    }

    private StoreFile() {
    }

    static Opened open(Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the event store directory " + absolute.getParent()
                    + ": " + e.getMessage(), e);
        }
        long sizeBefore = sizeOf(absolute);
        boolean existed = sizeBefore > 0;
        ChunkAwareFileStore fileStore;
        MVStore store;
        boolean recoveryMode = false;
        try {
            fileStore = new ChunkAwareFileStore(false);
            store = open(fileStore, absolute);
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new IllegalStateException("the event store " + absolute
                        + " is in use by another process (or another log in this one)", e);
            }
            if (!existed) {
                throw new IllegalStateException("cannot create the event store " + absolute + ": " + e.getMessage(), e);
            }
            log.warn("The event store {} did not open ({}); retrying in recovery mode", absolute, e.getMessage());
            try {
                fileStore = new ChunkAwareFileStore(true);
                store = open(fileStore, absolute);
                recoveryMode = true;
            } catch (MVStoreException again) {
                throw new IllegalStateException("the event store " + absolute
                        + " is damaged beyond its tail and cannot be opened (" + again.getMessage()
                        + "); move the file aside to start an empty log: clients will then get a reset", again);
            }
        }
        if (!existed) {
            return new Opened(store, TailReport.created(absolute));
        }
        Map<String, Object> header = store.getStoreHeader();
        long intactEnd = fileStore.intactEnd();
        long recoveredVersion = store.getCurrentVersion();
        TailReport.Tail tail = TailReport.Tail.NONE;
        long tailVersion = 0;
        if (sizeBefore > intactEnd) {
            tailVersion = chunkVersionAt(absolute, intactEnd);
            if (tailVersion < 0) {
                tail = TailReport.Tail.UNREADABLE;
            } else if (tailVersion > recoveredVersion) {
                tail = TailReport.Tail.NEWER_COMMIT;
            } else {
                tail = TailReport.Tail.FREED_SPACE;
            }
        }
        TailReport report = new TailReport(absolute, true, header.get("clean") != null, sizeBefore, intactEnd,
                headerLong(header, "version"), recoveredVersion, recoveryMode, tail, tailVersion);
        if (tail != TailReport.Tail.NONE || report.headerVersion() > recoveredVersion) {
            try {
                fileStore.settleTail();
            } catch (MVStoreException e) {
                store.closeImmediately();
                throw new IllegalStateException("cannot cut the damaged tail off the event store " + absolute + ": "
                        + e.getMessage(), e);
            }
        }
        return new Opened(store, report);
    }

    private static MVStore open(ChunkAwareFileStore fileStore, Path file) {
        fileStore.open(file.toString(), false, null);
        try {
            // Commits are the log's own business (append lock, group commit): the engine's
            // background auto-commit would cut a commit in the middle of an append.
            return new MVStore.Builder().adoptFileStore(fileStore).autoCommitDisabled().open();
        } catch (MVStoreException e) {
            fileStore.close();
            throw e;
        }
    }

    /**
     * The version named by the chunk header that starts at {@code offset}, or -1 when there is none.
     * Reads the header line MVStore writes at the start of every chunk
     * ({@code chunk:<id>,...,version:<hex>}), without trusting anything else past it.
     */
    private static long chunkVersionAt(Path file, long offset) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK_HEADER_BYTES);
            while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
                // keep reading until the header block is in or the file ends
            }
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1);
            int end = text.indexOf('\n');
            if (!text.startsWith("chunk:") || end < 0) {
                return -1;
            }
            Map<String, String> chunk = DataUtils.parseMap(text.substring(0, end).strip());
            return DataUtils.readHexLong(chunk, "version", -1);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the event store " + file + ": " + e.getMessage(), e);
        }
    }

    /** Header values are hex strings as read from the file, numbers once the store has rewritten them. */
    private static long headerLong(Map<String, Object> header, String key) {
        Object value = header.get(key);
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text && !text.isEmpty()) {
            return Long.parseLong(text, 16);
        }
        return 0;
    }
}
