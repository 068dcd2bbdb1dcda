package io.tapeflow.schedule;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * When a task runs by itself. The rule ({@code rrule}, or {@code cron} read in {@code timeZone}) is
 * its owner's; {@code nextTime} and the counters are written only by Tapeflow.
 */
@MappedEntity("task_schedule")
public record TaskSchedule(
        @Id @GeneratedValue Long id,
        long taskId,
        @Nullable String rrule,
        @Nullable String cron,
        @Nullable String timeZone,
        boolean catchUp,
        @Nullable Instant nextTime,
        long done,
        long skippedCount,
        long missedCount,
        @Nullable Instant missedFirst,
        @Nullable Instant missedLast,
        Instant creationDate,
        Instant modificationDate,
        String creationUsername,
        String modificationUsername) {
}
