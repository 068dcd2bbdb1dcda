package io.tapeflow.schedule;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import io.micronaut.data.annotation.Query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface TaskScheduleRepository extends CrudRepository<TaskSchedule, Long> {

    Optional<TaskSchedule> findByTaskId(long taskId);

    /** The schedules whose next firing has come, most overdue first. */
    @Query("SELECT * FROM task_schedule WHERE next_time <= :now ORDER BY next_time, id LIMIT :limit")
    List<TaskSchedule> findDue(Instant now, int limit);

    /** Writes only the owner's fields and the next firing, so the counters of a concurrent firing are kept. */
    void update(@Id Long id, @Nullable String rrule, @Nullable String cron, @Nullable String timeZone, boolean catchUp,
                @Nullable Instant nextTime, Instant modificationDate, String modificationUsername);
}
