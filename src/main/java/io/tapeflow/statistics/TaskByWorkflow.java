package io.tapeflow.statistics;

import io.micronaut.serde.annotation.Serdeable;
import io.tapeflow.task.WorkflowAction;
import io.tapeflow.task.WorkflowType;

import java.util.List;

/** How many tasks there are of each workflow type and action; {@code count} is their total. */
@Serdeable
public record TaskByWorkflow(long count, List<WorkflowCount> taskByWorkflow) {

    @Serdeable
    public record WorkflowCount(WorkflowType workflowType, WorkflowAction workflowAction, long count) {
    }
}
