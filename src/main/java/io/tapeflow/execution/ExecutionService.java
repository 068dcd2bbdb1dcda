package io.tapeflow.execution;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.tapeflow.api.ApiException;
import io.tapeflow.api.PathIds;
import io.tapeflow.list.Attribute;
import io.tapeflow.list.ListExecutor;
import io.tapeflow.list.ListPage;
import io.tapeflow.list.ListQuery;
import io.tapeflow.list.ListSchema;
import io.tapeflow.list.SqlFragment;
import io.tapeflow.security.Caller;
import io.tapeflow.task.EndpointType;
import io.tapeflow.task.TaskStatus;
import io.tapeflow.task.WorkflowAction;
import io.tapeflow.task.WorkflowType;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.List;

/** Reading executions and their logs; visibility as for tasks: the owner's, or everyone's for admins. */
@Singleton
public class ExecutionService {

    /** What the execution list (and the daily statistics) may filter on. */
    public static final ListSchema SCHEMA = ListSchema.of("task_executions", "task_execution", List.of(
            Attribute.integer("id", "id"),
            Attribute.integer("task_id", "task_id"),
            Attribute.text("name", "name"),
            Attribute.enumeration("workflow_type", "workflow_type", WorkflowType.class),
            Attribute.enumeration("workflow_action", "workflow_action", WorkflowAction.class),
            Attribute.enumeration("source_type", "source_type", EndpointType.class),
            Attribute.enumeration("destination_type", "destination_type", EndpointType.class),
            Attribute.enumeration("status", "status", TaskStatus.class),
            Attribute.instant("log_time", "log_time"),
            Attribute.instant("job_started", "job_started"),
            Attribute.instant("job_finished", "job_finished"),
            Attribute.integer("to_process_size", "to_process_size"),
            Attribute.integer("processed_size", "processed_size"),
            Attribute.integer("to_process_files", "to_process_files"),
            Attribute.integer("processed_files", "processed_files"),
            Attribute.integer("finalized_files", "finalized_files"),
            Attribute.integer("skipped_files", "skipped_files"),
            Attribute.integer("failed_files", "failed_files"),
            Attribute.integer("bandwidth", "bandwidth"),
            Attribute.integer("estimation_time", "estimation_time"),
            Attribute.integer("progress", "progress")));

    private final ExecutionRepository executions;
    private final ListExecutor lists;
    private final JdbcOperations jdbc;

    public ExecutionService(ExecutionRepository executions, ListExecutor lists, JdbcOperations jdbc) {
        this.executions = executions;
        this.lists = lists;
        this.jdbc = jdbc;
    }

    public ListPage<Execution> list(ListQuery query, Caller caller, Long taskId) {
        if (query.all() && !caller.isAdmin()) {
            throw ApiException.forbidden("only admins may list all users' executions (all=true)");
        }
        SqlFragment scope = query.all() || (taskId != null && caller.isAdmin()) ? SqlFragment.TRUE
                : SqlFragment.of("owner_id = ?", caller.userId());
        if (taskId != null) {
            scope = scope.and(SqlFragment.of("task_id = ?", taskId));
        }
        return lists.fetch(SCHEMA, "*", query, scope, Execution.class);
    }

    public Execution find(String id, Caller caller) {
        long number = PathIds.numeric(id).orElseThrow(() -> ApiException.notFound("task execution", id));
        return executions.findById(number)
                .filter(e -> caller.isAdmin() || e.ownerId() == caller.userId())
                .orElseThrow(() -> ApiException.notFound("task execution", id));
    }

    /** The log as text, one line per event: time, level, file, what happened. */
    @ReadOnly
    public String log(Execution execution) {
        return jdbc.prepareStatement("SELECT log_time, level, path, message FROM task_execution_log WHERE execution_id = ? ORDER BY id", s -> {
            s.setLong(1, execution.id());
            StringBuilder text = new StringBuilder();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Timestamp time = rs.getTimestamp(1);
                    String path = rs.getString(3);
                    text.append(time.toInstant()).append(' ').append(rs.getString(2)).append(' ')
                            .append(path == null ? "-" : path).append(' ').append(rs.getString(4)).append('\n');
                }
            }
            return text.toString();
        });
    }
}
