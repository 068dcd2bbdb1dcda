package io.tapeflow.schedule;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * A schedule as the API shows it: the vendor's fields first ({@code done} counts the firings that
 * started a run), then Tapeflow's ({@code cron}, {@code time_zone}, {@code catch_up}, the counters of
 * skipped and missed firings, ownership dates).
 */
@Serdeable
public record TaskScheduleView(long id, long taskId, String rrule, long done, Instant next, String cron, String timeZone,
                               boolean catchUp, long missedCount, long skippedCount, Instant missedFirst, Instant missedLast,
                               Instant creationDate, Instant modificationDate, String creationUsername,
                               String modificationUsername) {

    static TaskScheduleView of(TaskSchedule schedule) {
        return of(schedule, true);
    }

    /** @param withNext whether to show the next firing (lists show it only when asked, as the vendor's do) */
    static TaskScheduleView of(TaskSchedule schedule, boolean withNext) {
        return new TaskScheduleView(schedule.id(), schedule.taskId(), schedule.rrule(), schedule.done(),
                withNext ? schedule.nextTime() : null, schedule.cron(), schedule.timeZone(), schedule.catchUp(),
                schedule.missedCount(), schedule.skippedCount(), schedule.missedFirst(), schedule.missedLast(),
                schedule.creationDate(), schedule.modificationDate(), schedule.creationUsername(),
                schedule.modificationUsername());
    }
}
