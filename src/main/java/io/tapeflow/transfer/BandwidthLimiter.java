package io.tapeflow.transfer;

import java.util.concurrent.TimeUnit;

/**
 * Holds transfers to at most a number of bytes per second by sleeping, never spinning. Thread-safe: share one
 * instance between the files (and threads) of an execution to cap the execution as a whole. Idle time earns no
 * credit, so a transfer that paused between files does not burst afterwards.
 */
public final class BandwidthLimiter {

    private static final BandwidthLimiter UNLIMITED = new BandwidthLimiter(0);
    // why: a pause or stop must land within ~2 s even on a slow limit, so never sleep longer without asking
    static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int MIN_CHUNK = 8 * 1024;

    private final long bytesPerSecond;
    private long paidUntil;
    private boolean started;

    private BandwidthLimiter(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    /** A limiter that never waits. */
    public static BandwidthLimiter unlimited() {
        return UNLIMITED;
    }

    /**
     * A limiter for {@code bytesPerSecond}; {@link #unlimited()} for {@code null}.
     *
     * @throws IllegalArgumentException when the limit is zero or negative
     */
    public static BandwidthLimiter of(Long bytesPerSecond) {
        if (bytesPerSecond == null) {
            return UNLIMITED;
        }
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("bandwidth limit must be positive bytes per second, was " + bytesPerSecond);
        }
        return new BandwidthLimiter(bytesPerSecond);
    }

    /** The limit, or {@code null} when unlimited. */
    public Long bytesPerSecond() {
        return bytesPerSecond == 0 ? null : bytesPerSecond;
    }

    /**
     * Accounts for {@code bytes} just transferred and sleeps until the limit allows them, asking {@code control}
     * at least every 100 ms while asleep.
     *
     * @throws TransferInterrupted when the control asks to pause or stop, or the thread is interrupted
     */
    public void acquire(long bytes, TransferControl control) {
        if (bytesPerSecond == 0 || bytes <= 0) {
            return;
        }
        long wakeAt = reserve(bytes);
        for (long remaining = wakeAt - System.nanoTime(); remaining > 0; remaining = wakeAt - System.nanoTime()) {
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(remaining, MAX_SLEEP_NANOS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransferInterrupted(TransferControl.Signal.STOP);
            }
            TransferInterrupted.throwIfAsked(control);
        }
    }

    /** How many bytes to move per step so that one step takes about a tenth of a second at the limit. */
    int chunkSize(int capacity) {
        if (bytesPerSecond == 0) {
            return capacity;
        }
        return (int) Math.max(Math.min(capacity, MIN_CHUNK), Math.min(capacity, bytesPerSecond / 10));
    }

    private synchronized long reserve(long bytes) {
        long now = System.nanoTime();
        if (!started || paidUntil - now < 0) {
            paidUntil = now;
            started = true;
        }
        paidUntil += (long) (bytes * 1e9 / bytesPerSecond);
        return paidUntil;
    }
}
