package io.tapeflow.transfer;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadAheadInputStreamTest {

    @Test
    void deliversExactlyTheSourceBytesWhateverTheSizesOfReadsAndChunks() throws IOException {
        byte[] content = random(1_000_003);
        Source source = new Source(content, 777);
        try (ReadAheadInputStream in = new ReadAheadInputStream(source, 4099, 3, "test-read-ahead")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int[] sizes = {1, 13, 4099, 10_000, 3};
            byte[] buffer = new byte[10_000];
            for (int i = 0; ; i++) {
                int n = in.read(buffer, 0, sizes[i % sizes.length]);
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
            }
            assertArrayEquals(content, out.toByteArray());
            assertEquals(-1, in.read(buffer, 0, 10), "the end stays the end");
            assertEquals(-1, in.read());
        }
        assertTrue(source.closed, "the source is closed once read");
    }

    @Test
    void aSourceOfWholeChunksAndAnEmptySourceEndWhereTheyShould() throws IOException {
        byte[] content = random(3 * 1024);
        try (InputStream in = new ReadAheadInputStream(new Source(content, 1024), 1024, 2, "test-read-ahead")) {
            assertArrayEquals(content, in.readAllBytes());
        }
        try (InputStream in = new ReadAheadInputStream(new Source(new byte[0], 1), 1024, 2, "test-read-ahead")) {
            assertEquals(-1, in.read());
        }
    }

    @Test
    void aReadFailureReachesTheCallerAfterTheBytesReadBeforeIt() throws IOException {
        IOException failure = new IOException("disk error");
        byte[] content = random(10_000);
        Source source = new Source(content, 1000) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (delivered >= 5000) {
                    throw failure;
                }
                return super.read(b, off, len);
            }
        };
        try (InputStream in = new ReadAheadInputStream(source, 1500, 2, "test-read-ahead")) {
            byte[] first = in.readNBytes(4500);
            assertArrayEquals(java.util.Arrays.copyOf(content, 4500), first);
            assertSame(failure, assertThrows(IOException.class, () -> in.readNBytes(1000)));
        }
        assertTrue(source.closed);
    }

    @Test
    void anUncheckedFailureOfTheSourceEndsTheStreamWithAnIoException() throws IOException {
        InputStream broken = new InputStream() {
            @Override
            public int read() {
                throw new IllegalStateException("bug in the source");
            }
        };
        try (InputStream in = new ReadAheadInputStream(broken, 100, 2, "test-read-ahead")) {
            assertThrows(IOException.class, in::read);
        }
    }

    @Test
    void closingBeforeTheEndStopsTheReaderAndClosesTheSource() throws IOException {
        Source source = new Source(random(1_000_000), 1000);
        ReadAheadInputStream in = new ReadAheadInputStream(source, 1000, 2, "test-read-ahead");
        assertEquals(10, in.read(new byte[10]));

        in.close();

        assertTrue(source.closed, "closed before close() returns");
        assertTrue(source.delivered < 1_000_000, "the reader stopped early: " + source.delivered);
        assertThrows(IOException.class, in::read);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** Hands out at most {@code step} bytes a read, like a file or a socket may, and remembers being closed. */
    private static class Source extends FilterInputStream {
        final int step;
        volatile int delivered;
        volatile boolean closed;

        Source(byte[] content, int step) {
            super(new ByteArrayInputStream(content));
            this.step = step;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, Math.min(len, step));
            if (n > 0) {
                delivered += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
