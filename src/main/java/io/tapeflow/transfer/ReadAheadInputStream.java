package io.tapeflow.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Reads a source on its own thread, a few large chunks ahead of the caller, so that reading a file overlaps with
 * hashing and writing it instead of alternating with them. The reading thread owns the source and closes it when it
 * ends (end of data, a failure, or {@link #close()}); a failure reaches the caller at the point of the stream where it
 * happened, as the exception the source threw.
 */
public final class ReadAheadInputStream extends InputStream {

    /** What the reading thread hands over: bytes, the end of the source, or the failure that ended it. */
    private record Chunk(byte[] data, int length, IOException failure) {
        static final Chunk END = new Chunk(new byte[0], 0, null);
    }

    /** Wakes the reading thread when it waits for a free buffer and the stream is closed. */
    private static final byte[] WAKE_UP = new byte[0];

    private final InputStream source;
    private final BlockingQueue<byte[]> free = new LinkedBlockingQueue<>();
    private final BlockingQueue<Chunk> filled = new LinkedBlockingQueue<>();
    private final CountDownLatch readerDone = new CountDownLatch(1);
    private volatile boolean closed;
    private Chunk current;
    private int position;

    /**
     * Starts reading {@code source} into {@code chunks} buffers of {@code chunkSize} bytes: one being read, the others
     * waiting for the caller (two make a double buffer).
     */
    public ReadAheadInputStream(InputStream source, int chunkSize, int chunks, String threadName) {
        if (chunkSize <= 0 || chunks < 2) {
            throw new IllegalArgumentException("needs at least 2 chunks of at least one byte, not " + chunks + " of " + chunkSize);
        }
        this.source = source;
        for (int i = 0; i < chunks; i++) {
            free.add(new byte[chunkSize]);
        }
        Thread reader = new Thread(this::readAll, threadName);
        reader.setDaemon(true);
        reader.start();
    }

    private void readAll() {
        // why: whatever ends this thread, the caller must get a last chunk, or it would wait for one forever
        Chunk last = new Chunk(null, 0, new IOException("read-ahead thread ended unexpectedly"));
        try (source) {
            while (true) {
                byte[] buffer = free.take();
                if (closed) {
                    last = Chunk.END;
                    return;
                }
                int length = fill(buffer);
                if (length > 0) {
                    filled.add(new Chunk(buffer, length, null));
                }
                if (length < buffer.length) {
                    last = Chunk.END;
                    return;
                }
            }
        } catch (IOException e) {
            last = new Chunk(null, 0, e);
        } catch (InterruptedException e) {
            last = new Chunk(null, 0, new InterruptedIOException("read-ahead interrupted"));
        } finally {
            filled.add(last);
            readerDone.countDown();
        }
    }

    /** Reads until {@code buffer} is full or the source ends; answers the bytes read. */
    private int fill(byte[] buffer) throws IOException {
        int length = 0;
        while (length < buffer.length) {
            int n = source.read(buffer, length, buffer.length - length);
            if (n < 0) {
                break;
            }
            length += n;
        }
        return length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (closed) {
            throw new IOException("stream closed");
        }
        if (length == 0) {
            return 0;
        }
        if (current == null || position == current.length()) {
            if (!nextChunk()) {
                return -1;
            }
        }
        int n = Math.min(length, current.length() - position);
        System.arraycopy(current.data(), position, bytes, offset, n);
        position += n;
        return n;
    }

    /** Takes the next chunk, giving the used one back to the reader; false at the end of the source. */
    private boolean nextChunk() throws IOException {
        if (current == Chunk.END) {
            return false;
        }
        if (current != null) {
            free.add(current.data());
        }
        try {
            current = filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the read-ahead");
        }
        position = 0;
        if (current.failure() != null) {
            IOException failure = current.failure();
            current = Chunk.END;
            throw failure;
        }
        return current != Chunk.END;
    }

    @Override
    public int available() {
        return current == null ? 0 : current.length() - position;
    }

    /** Stops the reader and waits until it has closed the source. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        free.add(WAKE_UP);
        try {
            readerDone.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while closing the read-ahead");
        }
    }
}
