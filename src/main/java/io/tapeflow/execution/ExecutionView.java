package io.tapeflow.execution;

import io.micronaut.serde.annotation.Serdeable;
import io.tapeflow.task.EndpointType;
import io.tapeflow.task.TaskStatus;
import io.tapeflow.task.WorkflowAction;
import io.tapeflow.task.WorkflowType;

import java.time.Instant;

/**
 * An execution as the API shows it; {@code bandwidth} in bytes/s, {@code estimation_time} in seconds;
 * {@code retry_of} the execution this one retries (Tapeflow's addition), null for a plain run.
 */
@Serdeable
public record ExecutionView(long id, long taskId, String name, WorkflowType workflowType, WorkflowAction workflowAction,
                            EndpointType sourceType, EndpointType destinationType, TaskStatus status, String statusText,
                            Instant logTime, Instant jobStarted, Instant jobFinished, long toProcessSize,
                            long processedSize, long toProcessFiles, long processedFiles, long finalizedFiles,
                            long skippedFiles, long failedFiles, long bandwidth, Long estimationTime, int progress,
                            String jobId, Long retryOf) {

    public static ExecutionView of(Execution e) {
        return new ExecutionView(e.id(), e.taskId(), e.name(), e.workflowType(), e.workflowAction(), e.sourceType(),
                e.destinationType(), e.status(), e.statusText(), e.logTime(), e.jobStarted(), e.jobFinished(),
                e.toProcessSize(), e.liveProcessedSize(), e.toProcessFiles(), e.processedFiles(), e.finalizedFiles(),
                e.skippedFiles(), e.failedFiles(), e.bandwidth(), e.estimationTime(), e.progress(), e.jobId(),
                e.retryOfExecutionId());
    }
}
