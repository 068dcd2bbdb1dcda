package io.tapeflow.task;

/** The status of a task: not_activated until it first runs, then that of its latest execution. Constants are the API's wire values, which existing clients know by heart. */
public enum TaskStatus {
    not_activated, in_queue, calculating, in_progress, paused, done, finished_with_warnings, error, stopped_by_user, stopped_by_system
}
