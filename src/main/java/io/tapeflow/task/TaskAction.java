package io.tapeflow.task;

/** The last action requested on a task; noop until the first. Constants are the API's wire values, which existing clients know by heart. */
public enum TaskAction {
    noop, run, pause, stop, resume
}
