package io.tapeflow.transfer;

/**
 * A copy was abandoned because its {@link TransferControl} asked to pause or stop (or its thread was interrupted,
 * reported as {@link TransferControl.Signal#STOP}). Not a failure: nothing is left behind, neither a temp file nor
 * a partial target.
 */
public final class TransferInterrupted extends RuntimeException {

    private final TransferControl.Signal signal;

    public TransferInterrupted(TransferControl.Signal signal) {
        super("transfer interrupted: " + signal, null, false, false);
        this.signal = signal;
    }

    /** Throws when {@code control} asks to pause or stop. */
    static void throwIfAsked(TransferControl control) {
        TransferControl.Signal signal = control.check();
        if (signal == TransferControl.Signal.PAUSE || signal == TransferControl.Signal.STOP) {
            throw new TransferInterrupted(signal);
        }
    }

    /** {@link TransferControl.Signal#PAUSE} or {@link TransferControl.Signal#STOP}. */
    public TransferControl.Signal signal() {
        return signal;
    }
}
