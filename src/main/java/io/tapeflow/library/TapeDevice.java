package io.tapeflow.library;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The data path of one tape drive: a sequence of tape files separated by file marks, read and written
 * in blocks, positioned by file number ({@code mt rewind}, {@code mt fsf}, {@code mt eod}).
 *
 * <p>Like a real tape: only a loaded cartridge can be read or written; a write starts a new tape file at
 * the current position and everything after it is lost; capacity is finite; a write-protected
 * cartridge refuses writes. One stream at a time.
 */
public interface TapeDevice {

    /** What the drive reports now. */
    DriveStatus status() throws IOException;

    /** Goes back to the beginning of the tape (file 0). */
    void rewind() throws IOException;

    /** Positions at the start of tape file {@code fileNumber} (0 is the first). */
    void seekFile(int fileNumber) throws IOException;

    /** Positions after the last tape file, ready to append, and answers that position's file number. */
    int seekEndOfData() throws IOException;

    /**
     * Reads the tape file at the current position up to its file mark (end of stream); afterwards the
     * position is the start of the next tape file.
     */
    InputStream openRead() throws IOException;

    /**
     * Writes a new tape file at the current position, in blocks of {@code blockSize} bytes (the last
     * block may be short only when the caller pads it). {@link OutputStream#close()} writes the file
     * mark; only then is the tape file complete. A write past the cartridge's capacity throws
     * {@link TapeFullException}; on a write-protected cartridge this throws {@link WriteProtectedException}.
     */
    OutputStream openWrite(int blockSize) throws IOException;

    /**
     * The drive's state. {@code fileNumber} is the current position (-1 when unknown); {@code barcode} is
     * the loaded cartridge's label when the driver knows it.
     */
    record DriveStatus(boolean loaded, String barcode, boolean writeProtected, int fileNumber) {
    }
}
