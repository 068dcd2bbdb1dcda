package io.tapeflow.action;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The answer about an action's job: {@code status} is queued, working, completed or failed; for a run,
 * {@code progress}/{@code total} are the execution's processed and to-process bytes.
 */
@Serdeable
public record ActionJobStatus(String jobId, String status, Long progress, Long total, Long taskExecutionId) {
}
