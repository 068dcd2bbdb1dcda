package io.tapeflow.library.scsi;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * One tape file read block by block from an nst device: each read of the device answers one tape block,
 * and a read of 0 bytes (-1 from Java) is the file mark, which ends this stream.
 */
final class TapeFileInputStream extends InputStream {

    /** Told on close whether the file mark was reached, i.e. whether the tape is at the next file. */
    interface OnClose {
        void closed(boolean atFileMark) throws IOException;
    }

    private final InputStream device;
    private final byte[] block;
    private final OnClose onClose;
    private int position;
    private int limit;
    private boolean atFileMark;
    private boolean closed;

    /** {@code bufferSize} must hold the largest block on the tape, or st fails the read with ENOMEM. */
    TapeFileInputStream(InputStream device, int bufferSize, OnClose onClose) {
        this.device = device;
        this.block = new byte[bufferSize];
        this.onClose = onClose;
    }

    @Override
    public int read() throws IOException {
        if (position == limit && !nextBlock()) {
            return -1;
        }
        return block[position++] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        if (position == limit && !nextBlock()) {
            return -1;
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(block, position, target, offset, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return limit - position;
    }

    private boolean nextBlock() throws IOException {
        if (closed) {
            throw new IOException("tape file stream is closed");
        }
        if (atFileMark) {
            return false;
        }
        int n = device.read(block, 0, block.length);
        if (n <= 0) {
            atFileMark = true;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            device.close();
        } finally {
            onClose.closed(atFileMark);
        }
    }
}
