package io.tapeflow.library.virtual;

import io.tapeflow.transfer.BandwidthLimiter;
import io.tapeflow.transfer.TransferControl;
import io.tapeflow.transfer.TransferInterrupted;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/** Reads an image no faster than the library's bandwidth cap. */
final class ThrottledInputStream extends FilterInputStream {

    private final BandwidthLimiter limiter;

    ThrottledInputStream(InputStream in, BandwidthLimiter limiter) {
        super(in);
        this.limiter = limiter;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            pace(1);
        }
        return b;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        int n = super.read(bytes, offset, length);
        pace(n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        pace(skipped);
        return skipped;
    }

    private void pace(long bytes) throws InterruptedIOException {
        try {
            limiter.acquire(bytes, TransferControl.NONE);
        } catch (TransferInterrupted e) {
            throw new InterruptedIOException("interrupted while reading a tape file");
        }
    }
}
