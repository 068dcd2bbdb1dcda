package io.tapeflow.archive;

import io.tapeflow.execution.ControlFlag;
import io.tapeflow.execution.Execution;
import io.tapeflow.execution.PendingLog;
import io.tapeflow.execution.Progress;
import io.tapeflow.library.DriveAllocator;
import io.tapeflow.library.TapeDevice;
import io.tapeflow.task.Task;
import io.tapeflow.task.TaskEndpoint;
import io.tapeflow.task.TaskOptions;

import java.util.List;

/**
 * One job's share of a tape run: what it works on, the drive it holds and what it has done so far.
 * Mutable, used by one thread.
 */
final class TapeRun {

    Execution execution;
    private final java.util.function.LongFunction<Execution> reader;
    final Task task;
    final TaskOptions options;
    final List<TaskEndpoint> sources;
    final List<TaskEndpoint> destinations;
    final PendingLog log = new PendingLog();
    final long startNanos = System.nanoTime();
    /** The drive the run writes with (or the only one it holds), and its data path. */
    DriveAllocator.Grant grant;
    TapeDevice device;
    /** The second drive of a run copying tape to tape: it reads while {@link #device} writes. */
    DriveAllocator.Grant readGrant;
    TapeDevice readDevice;
    Progress progress;

    private final ControlFlag control;

    TapeRun(Execution execution, Task task, TaskOptions options, List<TaskEndpoint> sources, List<TaskEndpoint> destinations,
            java.util.function.LongFunction<Execution> reader) {
        this.execution = execution;
        this.reader = reader;
        this.control = new ControlFlag(execution.id(), id -> reader.apply(id).control());
        this.task = task;
        this.options = options;
        this.sources = sources;
        this.destinations = destinations;
        this.progress = Progress.of(execution);
    }

    /** Reads the execution again (after planning changed its totals). */
    void reload() {
        execution = reader.apply(execution.id());
    }

    /** A pause or stop the owner asked for (read at most every 250 ms), as the outcome acknowledging it; null to go on. */
    TapeWork.Outcome requested() {
        return switch (control.check()) {
            case CONTINUE -> null;
            case PAUSE -> TapeWork.Outcome.PAUSED;
            case STOP -> TapeWork.Outcome.STOPPED;
        };
    }

    long id() {
        return execution.id();
    }

    /** Bytes per second since this job started. */
    long bandwidth() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long moved = progress.processedSize() - execution.processedSize();
        return seconds < 0.001 ? 0 : (long) (moved / seconds);
    }
}
