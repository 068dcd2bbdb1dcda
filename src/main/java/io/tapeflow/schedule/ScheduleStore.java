package io.tapeflow.schedule;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.tapeflow.persistence.Sql;
import jakarta.inject.Singleton;

import java.time.Instant;

/**
 * The firing side of the schedule table. A node claims a firing by moving {@code next_time} on from
 * the value it read: the UPDATE's condition lets exactly one node change the row, so each occurrence
 * fires once however many nodes share the database, without any protocol between them.
 */
@Singleton
class ScheduleStore {

    private final JdbcOperations jdbc;

    ScheduleStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** @return whether this node claimed the occurrence {@code due} (and so must fire it) */
    @Transactional
    boolean claim(long id, Instant due, Instant next) {
        return Sql.update(jdbc, "UPDATE task_schedule SET next_time = ? WHERE id = ? AND next_time = ?", next, id, due) == 1;
    }

    /** Claims and counts the occurrences of {@code missed} at once. @return whether this node did */
    @Transactional
    boolean claimMissed(long id, Instant due, Recurrence.Span missed, Instant next) {
        return Sql.update(jdbc, "UPDATE task_schedule SET next_time = ?, missed_count = missed_count + ?,"
                + " missed_first = COALESCE(missed_first, ?), missed_last = COALESCE(?, missed_last)"
                + " WHERE id = ? AND next_time = ?", next, missed.count(), missed.first(), missed.last(), id, due) == 1;
    }

    @Transactional
    void countDone(long id) {
        Sql.update(jdbc, "UPDATE task_schedule SET done = done + 1 WHERE id = ?", id);
    }

    @Transactional
    void countSkipped(long id) {
        Sql.update(jdbc, "UPDATE task_schedule SET skipped_count = skipped_count + 1 WHERE id = ?", id);
    }
}
