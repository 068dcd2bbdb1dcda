package io.tapeflow.library.virtual;

import io.tapeflow.library.TapeFullException;
import io.tapeflow.transfer.BandwidthLimiter;
import io.tapeflow.transfer.TransferControl;
import io.tapeflow.transfer.TransferInterrupted;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import io.tapeflow.transfer.Directories;

/**
 * One tape file being written: blocks go to a temporary image that is renamed into place only when the file mark
 * is written ({@link #close()}), so a crash never leaves a half tape file that looks complete. Going past the
 * cartridge's capacity deletes the temporary image: nothing of that tape file remains, as the contract says.
 */
final class ImageOutputStream extends OutputStream {

    /** Told when the file mark is written, to move the head past it. */
    interface FileMarkListener {
        void fileMarkWritten();
    }

    private final Path temp;
    private final Path image;
    private final FileChannel channel;
    private final long capacity;
    private final long usedBefore;
    private final BandwidthLimiter limiter;
    private final FileMarkListener listener;
    private final byte[] block;
    private int filled;
    private long written;
    private boolean closed;
    private boolean failed;

    ImageOutputStream(Path image, int blockSize, long capacity, long usedBefore, BandwidthLimiter limiter,
                      FileMarkListener listener) throws IOException {
        if (blockSize <= 0) {
            throw new IllegalArgumentException("block size must be positive, was " + blockSize);
        }
        this.image = image;
        this.temp = image.resolveSibling(image.getFileName() + Cartridge.WRITING_SUFFIX);
        this.channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        this.capacity = capacity;
        this.usedBefore = usedBefore;
        this.limiter = limiter;
        this.listener = listener;
        this.block = new byte[blockSize];
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        block[filled++] = (byte) b;
        if (filled == block.length) {
            writeBlock(block);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        ensureOpen();
        while (length > 0) {
            if (filled == 0 && length >= block.length) {
                // why: the tar writer hands over whole blocks; writing them from its array spares a copy per block
                filled = block.length;
                writeBlock(bytes, offset);
                offset += block.length;
                length -= block.length;
                continue;
            }
            int step = Math.min(length, block.length - filled);
            System.arraycopy(bytes, offset, block, filled, step);
            filled += step;
            offset += step;
            length -= step;
            if (filled == block.length) {
                writeBlock(block);
            }
        }
    }

    /** Writes the file mark: the last (possibly short) block, then the image becomes a complete tape file. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (!failed) {
                if (filled > 0) {
                    writeBlock(block);
                }
                channel.force(true);
                channel.close();
                Files.move(temp, image, StandardCopyOption.ATOMIC_MOVE);
                // why: the catalog records this tape file next; its name must survive a power cut too
                Directories.fsync(image.getParent());
                listener.fileMarkWritten();
            }
        } finally {
            closed = true;
            channel.close();
            if (failed) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private void writeBlock(byte[] bytes) throws IOException {
        writeBlock(bytes, 0);
    }

    /** Writes the {@code filled} bytes of {@code bytes} at {@code offset} as one block. Any failure abandons the tape file. */
    private void writeBlock(byte[] bytes, int offset) throws IOException {
        if (usedBefore + written + filled > capacity) {
            failed = true;
            channel.close();
            Files.deleteIfExists(temp);
            throw new TapeFullException("end of medium: " + image.getParent().getFileName() + " holds " + capacity
                    + " bytes, " + usedBefore + " used before this tape file, which reached " + (written + filled));
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, filled);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            written += filled;
            int blockBytes = filled;
            filled = 0;
            pace(blockBytes);
        } catch (IOException e) {
            // why: a tape file with a hole must never be closed into a complete-looking image
            failed = true;
            throw e;
        }
    }

    private void pace(int bytes) throws InterruptedIOException {
        try {
            limiter.acquire(bytes, TransferControl.NONE);
        } catch (TransferInterrupted e) {
            throw new InterruptedIOException("interrupted while writing " + image);
        }
    }

    private void ensureOpen() throws IOException {
        if (closed || failed) {
            throw new IOException("tape file " + image.getFileName() + " is " + (failed ? "abandoned after a failed write" : "closed"));
        }
    }
}
