package io.tapeflow.archive;

import io.tapeflow.tapeformat.TapeFormat;
import io.tapeflow.transfer.SourceEntry;
import org.apache.commons.io.input.ReadAheadInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The source entries of an archive, with their bytes read ahead on a thread of their own: the next small files are
 * read whole while the current one goes to tape (with a cold cache each costs a disk round trip, which would
 * otherwise come one after the other), and a large file is read a few blocks ahead of the tape writes. Entries come
 * in the walk's order, one at a time, so pausing and checkpoints still happen between files.
 */
final class SourcePrefetch implements AutoCloseable {

    /** Files up to this size are read whole ahead of their turn (at most {@link #WINDOW} of them are held). */
    private static final long SMALL_FILE = 1 << 20;
    private static final int WINDOW = 64;
    /**
     * Threads reading small files: with a cold cache each read waits for the disk, and several in flight overlap
     * those waits (the device queues them) where one thread would wait for each in turn.
     */
    private static final int READERS = 4;
    /** Files from this size on are read a few blocks ahead; below, a thread of their own would cost more than it saves. */
    private static final long READ_AHEAD_FROM = 8L << 20;

    /** An entry, and for a small file its bytes being read. */
    static final class Ahead {
        private final SourceEntry entry;
        private final Future<byte[]> content;

        private Ahead(SourceEntry entry, Future<byte[]> content) {
            this.entry = entry;
            this.content = content;
        }

        SourceEntry entry() {
            return entry;
        }

        /** The file's bytes; a failure to read them is thrown here, as opening the file would have thrown it. */
        InputStream open() throws IOException {
            if (content != null) {
                return new ByteArrayInputStream(bytes());
            }
            InputStream in = Files.newInputStream(entry.absolute(), LinkOption.NOFOLLOW_LINKS);
            if (entry.size() < READ_AHEAD_FROM) {
                return in;
            }
            // why: one block read ahead on a thread of its own while the other goes to tape; closing it closes the file
            return ReadAheadInputStream.builder().setInputStream(in).setBufferSize(TapeFormat.BLOCK_SIZE).get();
        }

        private byte[] bytes() throws IOException {
            try {
                return content.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading " + entry.absolute());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().toString(), e.getCause());
            }
        }
    }

    private final Iterator<SourceEntry> entries;
    private final ExecutorService reader;
    private final ArrayDeque<Ahead> window = new ArrayDeque<>();

    SourcePrefetch(Iterator<SourceEntry> entries, String threadName) {
        this.entries = entries;
        this.reader = Executors.newFixedThreadPool(READERS, task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    boolean hasNext() {
        fill();
        return !window.isEmpty();
    }

    Ahead next() {
        fill();
        return window.remove();
    }

    private void fill() {
        while (window.size() < WINDOW && entries.hasNext()) {
            SourceEntry entry = entries.next();
            boolean small = entry.kind() == SourceEntry.Kind.FILE && entry.size() <= SMALL_FILE;
            window.add(new Ahead(entry, small ? reader.submit(() -> read(entry)) : null));
        }
    }

    /** Exactly the size the walk saw: a file that grew is cut there, one that shrank fails on tape as it would have. */
    private static byte[] read(SourceEntry entry) throws IOException {
        try (InputStream in = Files.newInputStream(entry.absolute(), LinkOption.NOFOLLOW_LINKS)) {
            return in.readNBytes((int) entry.size());
        }
    }

    /** Drops what was read ahead and not used (a pause or stop between files): the next run reads it again. */
    @Override
    public void close() {
        reader.shutdownNow();
    }
}
