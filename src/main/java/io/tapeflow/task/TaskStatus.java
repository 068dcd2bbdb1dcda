package io.tapeflow.task;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The status of a task: not_activated until it first runs, then that of its latest execution. Constants are the API's wire values, which existing clients know by heart. */
public enum TaskStatus {
    not_activated, in_queue, calculating, in_progress, paused, done, finished_with_warnings, error, stopped_by_user, stopped_by_system;

    /** A run being carried out or waiting to be: it may hold a worker, a drive or a cartridge. */
    public static final Set<TaskStatus> ACTIVE = EnumSet.of(in_queue, calculating, in_progress);
    /** A run that has not ended: active, or paused and resumable. */
    public static final Set<TaskStatus> UNFINISHED = EnumSet.of(in_queue, calculating, in_progress, paused);

    /** The statuses as an SQL list for {@code status IN ...} (wire values only, so safe to inline). */
    public static String sql(Set<TaskStatus> statuses) {
        return statuses.stream().map(status -> "'" + status.name() + "'").collect(Collectors.joining(", ", "(", ")"));
    }
}
