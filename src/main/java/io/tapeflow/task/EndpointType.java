package io.tapeflow.task;

/** The tier of a task's sources or destination; the task's sources and destinations name the concrete container, pool or tape. Constants are the API's wire values, which existing clients know by heart. */
public enum EndpointType {
    container, primary_nas, secondary_nas, primary_cloud, secondary_cloud, secondary_tape
}
