package io.tapeflow.execution;

import io.tapeflow.task.EndpointType;
import io.tapeflow.task.WorkflowAction;

/**
 * A run committed a checkpoint: {@code bytes} and {@code files} more are done since the previous one.
 * For counters of the work done; published inside the checkpoint's transaction.
 */
public record ExecutionProgressed(long executionId, WorkflowAction workflowAction, EndpointType destinationType,
                                  long bytes, long files) {
}
