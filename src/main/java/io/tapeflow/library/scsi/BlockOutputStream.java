package io.tapeflow.library.scsi;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * One tape file written to an nst device in fixed-size blocks: every write to the device is exactly one
 * block (in variable-block mode each write(2) becomes one tape block), and close pads the last block
 * with zeros, so a reader with a buffer of that size gets every block whole.
 */
final class BlockOutputStream extends OutputStream {

    /** Told on close whether a file mark still has to be written (nothing reached the device). */
    interface OnClose {
        void closed(boolean needsFileMark) throws IOException;
    }

    /** Maps a failed device write (ENOSPC) to the contract's exception. */
    interface ErrorMapper {
        IOException map(IOException e);
    }

    private final OutputStream device;
    private final byte[] block;
    private final ErrorMapper errors;
    private final OnClose onClose;
    private int fill;
    private long blocksWritten;
    private boolean failed;
    private boolean closed;

    BlockOutputStream(OutputStream device, int blockSize, ErrorMapper errors, OnClose onClose) {
        if (blockSize <= 0) {
            throw new IllegalArgumentException("block size must be positive: " + blockSize);
        }
        this.device = device;
        this.block = new byte[blockSize];
        this.errors = errors;
        this.onClose = onClose;
    }

    @Override
    public void write(int b) throws IOException {
        ensureWritable();
        block[fill++] = (byte) b;
        if (fill == block.length) {
            writeBlock(block, 0);
        }
    }

    @Override
    public void write(byte[] source, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, source.length);
        ensureWritable();
        while (length > 0) {
            if (fill == 0 && length >= block.length) {
                writeBlock(source, offset); // a whole block straight from the caller's array
                offset += block.length;
                length -= block.length;
                continue;
            }
            int n = Math.min(length, block.length - fill);
            System.arraycopy(source, offset, block, fill, n);
            fill += n;
            offset += n;
            length -= n;
            if (fill == block.length) {
                writeBlock(block, 0);
            }
        }
    }

    /** Does nothing: pushing a partial block out would write a short block in the middle of the file. */
    @Override
    public void flush() {
    }

    private void writeBlock(byte[] source, int offset) throws IOException {
        try {
            device.write(source, offset, block.length);
        } catch (IOException e) {
            failed = true;
            throw errors.map(e);
        }
        blocksWritten++;
        fill = 0;
    }

    private void ensureWritable() throws IOException {
        if (closed) {
            throw new IOException("tape file stream is closed");
        }
        if (failed) {
            throw new IOException("an earlier write to this tape file failed; the tape file is incomplete");
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (fill > 0 && !failed) {
                Arrays.fill(block, fill, block.length, (byte) 0);
                writeBlock(block, 0);
            }
        } finally {
            closed = true;
            try {
                device.close(); // st writes the file mark here, which can still hit the end of medium
            } catch (IOException e) {
                throw errors.map(e);
            } finally {
                onClose.closed(blocksWritten == 0 && !failed);
            }
        }
    }
}
