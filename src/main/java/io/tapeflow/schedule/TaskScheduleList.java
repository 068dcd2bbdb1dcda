package io.tapeflow.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.tapeflow.list.ListPage;

import java.util.List;

/** A page of schedules; {@code next_cursor} is present while more rows follow. */
@Serdeable
public record TaskScheduleList(long count, List<TaskScheduleView> taskSchedules,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {

    static TaskScheduleList of(ListPage<TaskScheduleView> page) {
        return new TaskScheduleList(page.count(), page.rows(), page.nextCursor());
    }
}
