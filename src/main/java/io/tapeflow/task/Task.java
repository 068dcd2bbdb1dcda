package io.tapeflow.task;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A reusable definition of work. The first fields are what its owner writes; {@code action} and the
 * run fields ({@code status} .. {@code toProcessSize}) are written only by Tapeflow.
 */
@MappedEntity("task")
public record Task(
        @Id @GeneratedValue Long id,
        long ownerId,
        String name,
        @Nullable String comment,
        WorkflowType workflowType,
        WorkflowAction workflowAction,
        @Nullable EndpointType sourceType,
        @Nullable EndpointType destinationType,
        int priority,
        ConflictResolution conflictResolution,
        boolean activate,
        TaskAction action,
        TaskStatus status,
        int progress,
        @Nullable Instant jobStarted,
        @Nullable Instant jobFinished,
        long processedSize,
        long toProcessSize,
        Instant creationDate,
        Instant modificationDate,
        String creationUsername,
        String modificationUsername,
        @Nullable Long bandwidthLimit,
        boolean confirmErase) {
}
