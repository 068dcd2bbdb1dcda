package io.tapeflow.task;

import io.tapeflow.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import io.tapeflow.api.ApiException;
import io.tapeflow.api.PathIds;
import io.tapeflow.audit.AuditFields;
import io.tapeflow.audit.AuditLog;
import io.tapeflow.persistence.SqlParameters;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The options of tasks: one value per type and task. */
@Singleton
public class TaskOptionService {

    private static final String RESOURCE = "task_options";

    private final JdbcOperations jdbc;
    private final RunGuard guard;
    private final AuditLog audit;

    public TaskOptionService(JdbcOperations jdbc, RunGuard guard, AuditLog audit) {
        this.guard = guard;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    @ReadOnly
    public List<TaskOption> list(long taskId) {
        return query("SELECT id, type, option_value FROM task_option WHERE task_id = ? ORDER BY id", taskId);
    }

    /** What a run of the task uses, defaults filled in. */
    @ReadOnly
    public TaskOptions of(long taskId) {
        Map<TaskOptionType, String> values = new EnumMap<>(TaskOptionType.class);
        list(taskId).forEach(option -> values.put(option.type(), option.value()));
        return TaskOptions.of(values);
    }

    @ReadOnly
    public TaskOption find(long taskId, String id) {
        long number = PathIds.numeric(id).orElseThrow(() -> ApiException.notFound("task option", id));
        return query("SELECT id, type, option_value FROM task_option WHERE task_id = ? AND id = ?", taskId, number)
                .stream().findFirst().orElseThrow(() -> ApiException.notFound("task option", id));
    }

    @Transactional
    public TaskOption create(long taskId, TaskOptionType type, String value) {
        guard.requireNoUnfinishedRun(taskId);
        if (list(taskId).stream().anyMatch(option -> option.type() == type)) {
            throw ApiException.invalid("type", "taken", "the task already has a " + type + " option; update it instead");
        }
        Sql.update(jdbc, "INSERT INTO task_option (task_id, type, option_value) VALUES (?, ?, ?)", taskId, type.name(), value);
        TaskOption created = list(taskId).stream().filter(option -> option.type() == type).findFirst().orElseThrow();
        audit.created(RESOURCE, AuditFields.with(created, Map.of("task_id", taskId)));
        return created;
    }

    @Transactional
    public TaskOption update(long taskId, TaskOption option, String value) {
        guard.requireNoUnfinishedRun(taskId);
        Sql.update(jdbc, "UPDATE task_option SET option_value = ? WHERE id = ?", value, option.id());
        TaskOption updated = new TaskOption(option.id(), option.type(), value);
        audit.updated(RESOURCE, option, updated);
        return updated;
    }

    @Transactional
    public void delete(long taskId, TaskOption option) {
        guard.requireNoUnfinishedRun(taskId);
        Sql.update(jdbc, "DELETE FROM task_option WHERE id = ?", option.id());
        audit.destroyed(RESOURCE, AuditFields.with(option, Map.of("task_id", taskId)));
    }

    /** Sets the given options (the inline form on task create/update, whose audit row covers them); others stay. */
    @Transactional
    public void set(long taskId, Map<TaskOptionType, String> values) {
        guard.requireNoUnfinishedRun(taskId);
        values.forEach((type, value) -> {
            Sql.update(jdbc, "DELETE FROM task_option WHERE task_id = ? AND type = ?", taskId, type.name());
            Sql.update(jdbc, "INSERT INTO task_option (task_id, type, option_value) VALUES (?, ?, ?)", taskId, type.name(), value);
        });
    }

    private List<TaskOption> query(String sql, Object... parameters) {
        return jdbc.prepareStatement(sql, statement -> {
            SqlParameters.bind(statement, List.of(parameters));
            List<TaskOption> options = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    options.add(new TaskOption(rs.getLong(1), TaskOptionType.valueOf(rs.getString(2)), rs.getString(3)));
                }
            }
            return options;
        });
    }
}
