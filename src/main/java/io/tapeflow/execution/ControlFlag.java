package io.tapeflow.execution;

import io.tapeflow.transfer.TransferControl;

import java.util.function.LongFunction;

/**
 * The runner's view of the owner's pause/stop request: read from the database at most every
 * {@value #CHECK_EVERY_MILLIS} ms, so checking between buffers costs nothing and a request lands
 * well within the 2 s promised.
 */
public final class ControlFlag implements TransferControl {

    private static final long CHECK_EVERY_MILLIS = 250;

    private final long executionId;
    private final LongFunction<Execution.Control> reader;
    private volatile Signal last = Signal.CONTINUE;
    private volatile long lastRead;

    public ControlFlag(long executionId, LongFunction<Execution.Control> reader) {
        this.executionId = executionId;
        this.reader = reader;
    }

    @Override
    public Signal check() {
        long now = System.currentTimeMillis();
        if (last == Signal.CONTINUE && now - lastRead >= CHECK_EVERY_MILLIS) {
            lastRead = now;
            last = switch (reader.apply(executionId)) {
                case none -> Signal.CONTINUE;
                case pause -> Signal.PAUSE;
                case stop -> Signal.STOP;
            };
        }
        return last;
    }
}
