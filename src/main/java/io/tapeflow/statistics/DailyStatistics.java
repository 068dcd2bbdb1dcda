package io.tapeflow.statistics;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.tapeflow.list.ListQuery;
import io.tapeflow.list.SqlFragment;
import io.tapeflow.persistence.Sql;
import io.tapeflow.security.Caller;
import io.tapeflow.task.TaskService;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bytes and files per day, grouped in the database: finished copy and move runs over the index
 * (owner_id, job_finished, ...) or (job_finished, ...), catalog rows over (creation_date, size, ...).
 * The executions are those the execution list shows for the same filters and {@code all}; the catalog
 * rows are the ones those executions wrote (all of them when an admin asks for all without filters).
 */
@Singleton
public class DailyStatistics {

    /** Runs that move data; a scan counts and an erase deletes, neither archives anything. */
    private static final String MOVING = "workflow_action IN ('copy', 'move')";

    private final JdbcOperations jdbc;

    public DailyStatistics(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @ReadOnly
    public ByDate byDate(DateRange range, ListQuery query, Caller caller) {
        SqlFragment executions = query.where(TaskService.visible(query.all(), caller));
        Map<LocalDate, long[]> days = new TreeMap<>();
        SqlFragment runs = SqlFragment.of("job_finished >= ? AND job_finished < ? AND " + MOVING, range.start(), range.end())
                .and(executions);
        Sql.query(jdbc, "SELECT CAST(job_finished AS DATE), COUNT(*), SUM(processed_files), SUM(processed_size) FROM task_execution"
                        + " WHERE " + runs.sql() + " GROUP BY CAST(job_finished AS DATE)",
                row -> add(days, row.getObject(1, LocalDate.class), 0, row.getLong(2), row.getLong(3), row.getLong(4)),
                runs.parameters().toArray());
        SqlFragment catalog = SqlFragment.of("f.creation_date >= ? AND f.creation_date < ?", range.start(), range.end());
        if (!query.all() || !query.filters().isEmpty()) {
            catalog = catalog.and(new SqlFragment("f.execution_id IN (SELECT id FROM task_execution WHERE " + executions.sql() + ")",
                    executions.parameters()));
        }
        Sql.query(jdbc, "SELECT CAST(f.creation_date AS DATE), COUNT(*), SUM(f.size) FROM catalog_file f WHERE " + catalog.sql()
                        + " GROUP BY CAST(f.creation_date AS DATE)",
                row -> add(days, row.getObject(1, LocalDate.class), 3, row.getLong(2), row.getLong(3)),
                catalog.parameters().toArray());
        List<ByDate.Day> rows = new ArrayList<>(days.size());
        days.forEach((day, n) -> rows.add(new ByDate.Day(day.toString(), n[0], n[1], n[2], n[3], n[4])));
        return new ByDate(range.from().toString(), range.to().toString(), rows);
    }

    /** Adds {@code values} to the day's counters from position {@code at} on. */
    private static LocalDate add(Map<LocalDate, long[]> days, LocalDate day, int at, long... values) {
        long[] counters = days.computeIfAbsent(day, d -> new long[5]);
        for (int i = 0; i < values.length; i++) {
            counters[at + i] += values[i];
        }
        return day;
    }
}
