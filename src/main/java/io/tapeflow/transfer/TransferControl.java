package io.tapeflow.transfer;

/**
 * Asked by a copy whether to go on: once per buffer (about every MiB) and at least every 100 ms while a
 * bandwidth limit holds the copy back. Must be cheap (read a flag the runner updates, not the database).
 * Returning {@link Signal#PAUSE} or {@link Signal#STOP} aborts the current file with {@link TransferInterrupted};
 * the file is copied again from its start on resume. An implementation may also throw to abort.
 */
@FunctionalInterface
public interface TransferControl {

    /** Never interrupts. */
    TransferControl NONE = () -> Signal.CONTINUE;

    /** What the execution wants now. */
    Signal check();

    /** The answers of {@link #check()}. */
    enum Signal { CONTINUE, PAUSE, STOP }
}
