package io.tapeflow.transfer;

/** Told how many more bytes were written, once per buffer, so live progress moves within a large file. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = delta -> { };

    /** {@code delta} more bytes were written to the target. */
    void bytes(long delta);
}
