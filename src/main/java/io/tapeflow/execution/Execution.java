package io.tapeflow.execution;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.tapeflow.task.EndpointType;
import io.tapeflow.task.TaskStatus;
import io.tapeflow.task.WorkflowAction;
import io.tapeflow.task.WorkflowType;

import java.time.Instant;

/**
 * One run of a task. Its state lives here, not in JobRunr: the checkpoint
 * ({@code checkpointSource}, {@code checkpointPath}) says which files are done, so any node can carry
 * the run on after a pause, a crash or a retried job. A retry ({@code retryOfExecutionId} set) goes
 * through the files the execution it retries failed on, not through its sources.
 */
@MappedEntity("task_execution")
public record Execution(
        @Id @GeneratedValue Long id,
        long taskId,
        long ownerId,
        String name,
        WorkflowType workflowType,
        WorkflowAction workflowAction,
        @Nullable EndpointType sourceType,
        @Nullable EndpointType destinationType,
        TaskStatus status,
        @Nullable String statusText,
        Control control,
        String jobId,
        @Nullable Instant logTime,
        @Nullable Instant jobStarted,
        @Nullable Instant jobFinished,
        long toProcessSize,
        long processedSize,
        long inFlightSize,
        long toProcessFiles,
        long processedFiles,
        long finalizedFiles,
        long skippedFiles,
        long failedFiles,
        long bandwidth,
        @Nullable Long estimationTime,
        int progress,
        boolean planned,
        int checkpointSource,
        @Nullable String checkpointPath,
        boolean filesPastCheckpoint,
        int jobFailures,
        Instant creationDate,
        Instant modificationDate,
        @Nullable Long retryOfExecutionId) {

    /** What the owner asked the runner to do at its next check. */
    public enum Control { none, pause, stop }

    public boolean isFinished() {
        return !TaskStatus.UNFINISHED.contains(status);
    }

    /** Bytes done, counting the file being copied now. */
    public long liveProcessedSize() {
        return processedSize + inFlightSize;
    }

    public boolean isActive() {
        return TaskStatus.ACTIVE.contains(status);
    }
}
