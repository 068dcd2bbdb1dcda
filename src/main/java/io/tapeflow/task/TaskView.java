package io.tapeflow.task;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * A task as the API shows it: the vendor contract's fields, in its order, then Tapeflow's extensions
 * ({@code bandwidth_limit}, {@code confirm_erase}), which the vendor's clients ignore.
 */
@Serdeable
public record TaskView(long id, String name, String comment, WorkflowType workflowType,
                       WorkflowAction workflowAction, EndpointType sourceType, EndpointType destinationType,
                       int priority, ConflictResolution conflictResolution, TaskAction action, boolean activate,
                       Instant creationDate, Instant modificationDate, String creationUsername,
                       String modificationUsername, TaskStatus status, int progress, Instant jobStarted,
                       Instant jobFinished, long processedSize, long toProcessSize, Long bandwidthLimit,
                       boolean confirmErase) {

    static TaskView of(Task task) {
        return new TaskView(task.id(), task.name(), task.comment(), task.workflowType(), task.workflowAction(),
                task.sourceType(), task.destinationType(), task.priority(), task.conflictResolution(),
                task.action(), task.activate(), task.creationDate(), task.modificationDate(),
                task.creationUsername(), task.modificationUsername(), task.status(), task.progress(),
                task.jobStarted(), task.jobFinished(), task.processedSize(), task.toProcessSize(), task.bandwidthLimit(),
                task.confirmErase());
    }
}
