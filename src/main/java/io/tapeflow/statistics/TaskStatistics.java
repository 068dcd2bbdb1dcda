package io.tapeflow.statistics;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.tapeflow.list.ListQuery;
import io.tapeflow.list.SqlFragment;
import io.tapeflow.persistence.Sql;
import io.tapeflow.security.Caller;
import io.tapeflow.task.TaskService;
import io.tapeflow.task.TaskStatus;
import io.tapeflow.task.WorkflowAction;
import io.tapeflow.task.WorkflowType;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Task counters, grouped in the database over the indexes the task list uses ((owner, status) and
 * (owner, workflow_action, workflow_type)); the tasks counted are those the task list would show for
 * the same filters and {@code all}.
 */
@Singleton
public class TaskStatistics {

    private final JdbcOperations jdbc;

    public TaskStatistics(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Every status in its usual order, 0 included, so a dashboard's columns never move. */
    @ReadOnly
    public TaskByStatus byStatus(ListQuery query, Caller caller) {
        SqlFragment where = query.where(TaskService.visible(query.all(), caller));
        Map<String, Long> counts = Sql.query(jdbc, "SELECT status, COUNT(*) FROM task WHERE " + where.sql() + " GROUP BY status",
                        row -> Map.entry(row.getString(1), row.getLong(2)), where.parameters().toArray())
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<TaskByStatus.StatusCount> rows = Arrays.stream(TaskStatus.values())
                .map(status -> new TaskByStatus.StatusCount(status, counts.getOrDefault(status.name(), 0L)))
                .toList();
        return new TaskByStatus(rows.stream().mapToLong(TaskByStatus.StatusCount::count).sum(), rows);
    }

    /** The (workflow_type, workflow_action) pairs that have tasks, by action: the indexes' column order. */
    @ReadOnly
    public TaskByWorkflow byWorkflow(ListQuery query, Caller caller) {
        SqlFragment where = query.where(TaskService.visible(query.all(), caller));
        List<TaskByWorkflow.WorkflowCount> rows = Sql.query(jdbc, "SELECT workflow_action, workflow_type, COUNT(*) FROM task WHERE "
                        + where.sql() + " GROUP BY workflow_action, workflow_type ORDER BY workflow_action, workflow_type",
                row -> new TaskByWorkflow.WorkflowCount(WorkflowType.valueOf(row.getString(2)),
                        WorkflowAction.valueOf(row.getString(1)), row.getLong(3)),
                where.parameters().toArray());
        return new TaskByWorkflow(rows.stream().mapToLong(TaskByWorkflow.WorkflowCount::count).sum(), rows);
    }
}
