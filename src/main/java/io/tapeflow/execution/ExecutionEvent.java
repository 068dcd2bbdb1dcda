package io.tapeflow.execution;

import io.tapeflow.task.TaskStatus;

import java.util.EnumSet;
import java.util.Set;

/**
 * A run started (left the queue for the first time) or ended. Published by {@link ExecutionStore} inside
 * the transaction that records it; listeners that act on it outside Tapeflow listen after the commit.
 */
public record ExecutionEvent(long executionId, Type type, TaskStatus status) {

    public enum Type { started, finished, failed }

    /** Endings that mean the run could not do its work; the others (done, with warnings, stopped by its owner) finished. */
    private static final Set<TaskStatus> FAILED = EnumSet.of(TaskStatus.error, TaskStatus.stopped_by_system);

    /** The event a status change makes, or null when it makes none (a pause, a resume, a step of the run). */
    static ExecutionEvent of(Execution before, TaskStatus status, boolean starts) {
        if (!before.isFinished() && !TaskStatus.UNFINISHED.contains(status)) {
            return new ExecutionEvent(before.id(), FAILED.contains(status) ? Type.failed : Type.finished, status);
        }
        return starts ? new ExecutionEvent(before.id(), Type.started, status) : null;
    }
}
