package io.tapeflow.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.tapeflow.list.ListPage;

import java.util.List;

/** A page of tasks; {@code next_cursor} is present while more rows follow. */
@Serdeable
public record TaskList(long count, List<TaskView> tasks,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {

    static TaskList of(ListPage<TaskView> page) {
        return new TaskList(page.count(), page.rows(), page.nextCursor());
    }
}
