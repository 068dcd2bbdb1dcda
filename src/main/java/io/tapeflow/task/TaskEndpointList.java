package io.tapeflow.task;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The sources or destinations of a task, under {@code task_sources} or {@code task_destinations}. */
@Serdeable
public record TaskEndpointList(long count,
                               @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) List<TaskEndpointView> taskSources,
                               @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) List<TaskEndpointView> taskDestinations) {

    static TaskEndpointList of(EndpointKind kind, List<TaskEndpointView> views) {
        return kind == EndpointKind.SOURCE ? new TaskEndpointList(views.size(), views, null)
                : new TaskEndpointList(views.size(), null, views);
    }
}
