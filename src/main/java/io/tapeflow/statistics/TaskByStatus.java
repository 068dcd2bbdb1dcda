package io.tapeflow.statistics;

import io.micronaut.serde.annotation.Serdeable;
import io.tapeflow.task.TaskStatus;

import java.util.List;

/** How many tasks are in each status; {@code count} is their total. */
@Serdeable
public record TaskByStatus(long count, List<StatusCount> taskByStatus) {

    @Serdeable
    public record StatusCount(TaskStatus status, long count) {
    }
}
