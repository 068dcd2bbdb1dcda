package io.tapeflow.library.scsi;

import io.tapeflow.library.TapeFullException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockOutputStreamTest {

    /** Records the length of every write call, as st would see each write(2). */
    private static final class RecordingDevice extends OutputStream {
        final List<Integer> writes = new ArrayList<>();
        boolean closed;

        @Override
        public void write(int b) {
            writes.add(1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes.add(len);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final List<Boolean> fileMarkNeeded = new ArrayList<>();

    @Test
    void everyDeviceWriteIsExactlyOneBlockWhateverTheCallerWrites() throws IOException {
        RecordingDevice device = new RecordingDevice();
        try (BlockOutputStream out = stream(device, 10)) {
            out.write(new byte[3]);
            out.write(7);
            out.write(new byte[25]);
            out.write(new byte[10]);
        }

        assertEquals(List.of(10, 10, 10, 10), device.writes); // 39 bytes, the last block padded
        assertTrue(device.closed);
        assertEquals(List.of(false), fileMarkNeeded);
    }

    @Test
    void anEmptyStreamWritesNothingAndAsksForAFileMark() throws IOException {
        RecordingDevice device = new RecordingDevice();
        stream(device, 10).close();

        assertEquals(List.of(), device.writes);
        assertEquals(List.of(true), fileMarkNeeded);
    }

    @Test
    void endOfMediumIsATapeFullExceptionAndLaterWritesAreRefused() throws IOException {
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        BlockOutputStream out = stream(full, 4);

        TapeFullException e = assertThrows(TapeFullException.class, () -> out.write(new byte[4]));
        assertTrue(e.getMessage().contains("/dev/nst0: end of medium"), e.getMessage());
        assertThrows(IOException.class, () -> out.write(1));
        out.close();
        assertEquals(List.of(false), fileMarkNeeded);
    }

    @Test
    void writingAfterCloseIsRefused() throws IOException {
        BlockOutputStream out = stream(new RecordingDevice(), 4);
        out.close();

        assertThrows(IOException.class, () -> out.write(1));
    }

    private BlockOutputStream stream(OutputStream device, int blockSize) {
        return new BlockOutputStream(device, blockSize, e -> TapeErrors.onWrite(Path.of("/dev/nst0"), e),
                fileMarkNeeded::add);
    }
}
