package io.tapeflow.execution;

import io.tapeflow.task.Task;
import io.tapeflow.task.TaskEndpoint;

import java.util.List;

/**
 * Carries out the runs the container runner does not: those that read or write tapes. The container
 * runner asks each one whether a run is its own before doing it itself, and before acknowledging a
 * pause or stop: the runner does that itself (a tape run gives back its drive and cartridge first).
 */
public interface WorkflowRunner {

    boolean handles(Execution execution, List<TaskEndpoint> sources, List<TaskEndpoint> destinations);

    /** Carries the run on from its checkpoint for one job; hands the rest to a new job like the container runner does. */
    void run(Execution execution, Task task, List<TaskEndpoint> sources, List<TaskEndpoint> destinations);
}
