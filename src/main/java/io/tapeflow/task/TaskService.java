package io.tapeflow.task;

import io.tapeflow.persistence.DbTime;
import io.micronaut.transaction.annotation.Transactional;
import io.tapeflow.api.ApiException;
import io.tapeflow.audit.AuditFields;
import io.tapeflow.audit.AuditLog;
import io.tapeflow.api.PathIds;
import io.tapeflow.list.Attribute;
import io.tapeflow.list.ListExecutor;
import io.tapeflow.list.ListPage;
import io.tapeflow.list.ListQuery;
import io.tapeflow.list.ListSchema;
import io.tapeflow.list.SqlFragment;
import io.tapeflow.security.Caller;
import io.tapeflow.security.OwnedResources;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Tasks and who may see them: their owner, and admins. Another user's task does not exist for a
 * non-admin (404), so ids cannot be probed.
 */
@Singleton
public class TaskService implements OwnedResources {

    /** What the task list (and the task statistics) may filter on. */
    public static final ListSchema SCHEMA = ListSchema.of("tasks", "task", List.of(
            Attribute.integer("id", "id"),
            Attribute.text("name", "name"),
            Attribute.text("comment", "comment"),
            Attribute.enumeration("workflow_type", "workflow_type", WorkflowType.class),
            Attribute.enumeration("workflow_action", "workflow_action", WorkflowAction.class),
            Attribute.enumeration("source_type", "source_type", EndpointType.class),
            Attribute.enumeration("destination_type", "destination_type", EndpointType.class),
            Attribute.integer("priority", "priority"),
            Attribute.enumeration("conflict_resolution", "conflict_resolution", ConflictResolution.class),
            Attribute.enumeration("action", "action", TaskAction.class),
            Attribute.bool("activate", "activate"),
            Attribute.instant("creation_date", "creation_date"),
            Attribute.text("creation_username", "creation_username"),
            Attribute.instant("modification_date", "modification_date"),
            Attribute.text("modification_username", "modification_username"),
            Attribute.instant("job_started", "job_started"),
            Attribute.instant("job_finished", "job_finished"),
            Attribute.enumeration("status", "status", TaskStatus.class),
            Attribute.integer("progress", "progress"),
            Attribute.integer("processed_size", "processed_size"),
            Attribute.integer("to_process_size", "to_process_size"),
            Attribute.integer("bandwidth_limit", "bandwidth_limit"),
            Attribute.bool("confirm_erase", "confirm_erase"),
            Attribute.related(Attribute.integer("source_container_id", "s.container_id"),
                    "SELECT 1 FROM task_source s WHERE s.task_id = task.id AND %s"),
            Attribute.related(Attribute.text("source_container_name", "c.name"),
                    "SELECT 1 FROM task_source s JOIN container c ON c.id = s.container_id WHERE s.task_id = task.id AND %s"),
            Attribute.related(Attribute.integer("destination_container_id", "d.container_id"),
                    "SELECT 1 FROM task_destination d WHERE d.task_id = task.id AND %s"),
            Attribute.related(Attribute.text("destination_container_name", "c.name"),
                    "SELECT 1 FROM task_destination d JOIN container c ON c.id = d.container_id WHERE d.task_id = task.id AND %s"),
            Attribute.related(Attribute.integer("source_pool_id", "s.pool_id"),
                    "SELECT 1 FROM task_source s WHERE s.task_id = task.id AND %s"),
            Attribute.related(Attribute.text("source_pool_name", "p.name"),
                    "SELECT 1 FROM task_source s JOIN pool p ON p.id = s.pool_id WHERE s.task_id = task.id AND %s"),
            Attribute.related(Attribute.integer("source_tape_id", "s.tape_id"),
                    "SELECT 1 FROM task_source s WHERE s.task_id = task.id AND %s"),
            Attribute.related(Attribute.text("source_tape_barcode", "t.barcode"),
                    "SELECT 1 FROM task_source s JOIN tape t ON t.id = s.tape_id WHERE s.task_id = task.id AND %s"),
            Attribute.related(Attribute.integer("destination_pool_id", "d.pool_id"),
                    "SELECT 1 FROM task_destination d WHERE d.task_id = task.id AND %s"),
            Attribute.related(Attribute.text("destination_pool_name", "p.name"),
                    "SELECT 1 FROM task_destination d JOIN pool p ON p.id = d.pool_id WHERE d.task_id = task.id AND %s"),
            Attribute.related(Attribute.integer("destination_tape_id", "d.tape_id"),
                    "SELECT 1 FROM task_destination d WHERE d.task_id = task.id AND %s"),
            Attribute.related(Attribute.text("destination_tape_barcode", "t.barcode"),
                    "SELECT 1 FROM task_destination d JOIN tape t ON t.id = d.tape_id WHERE d.task_id = task.id AND %s")));

    static final int DEFAULT_PRIORITY = 5;

    private final TaskRepository tasks;
    private final ListExecutor lists;
    private final TaskEndpointService endpoints;
    private final TaskOptionService options;
    private final RunGuard guard;
    private final AuditLog audit;

    public TaskService(TaskRepository tasks, ListExecutor lists, TaskEndpointService endpoints, TaskOptionService options,
                       RunGuard guard, AuditLog audit) {
        this.guard = guard;
        this.audit = audit;
        this.tasks = tasks;
        this.lists = lists;
        this.endpoints = endpoints;
        this.options = options;
    }

    /** The caller's tasks, or everyone's when an admin asks for {@code all}. */
    public ListPage<Task> list(ListQuery query, Caller caller) {
        return lists.fetch(SCHEMA, "*", query, visible(query.all(), caller), Task.class);
    }

    /**
     * The tasks a request sees: the caller's own, or everyone's when an admin asks for {@code all}.
     *
     * @throws ApiException 403 when a non-admin asks for {@code all}
     */
    public static SqlFragment visible(boolean all, Caller caller) {
        if (all && !caller.isAdmin()) {
            throw ApiException.forbidden("only admins may see all users' tasks (all=true)");
        }
        return all ? SqlFragment.TRUE : SqlFragment.of("owner_id = ?", caller.userId());
    }

    /**
     * A task the caller may see, by numeric id or by name.
     *
     * @throws ApiException 404 when there is none, 409 when the name is ambiguous
     */
    public Task find(String idOrName, Caller caller) {
        OptionalLong id = PathIds.numeric(idOrName);
        if (id.isPresent()) {
            return tasks.findById(id.getAsLong())
                    .filter(task -> caller.isAdmin() || task.ownerId() == caller.userId())
                    .orElseThrow(() -> ApiException.notFound("task", idOrName));
        }
        List<Long> ids = caller.isAdmin() ? tasks.findIdByName(idOrName) : tasks.findIdByNameAndOwnerId(idOrName, caller.userId());
        if (ids.isEmpty()) {
            throw ApiException.notFound("task", idOrName);
        }
        if (ids.size() > 1) {
            throw ApiException.conflict("task name " + idOrName + " is ambiguous: it matches the tasks "
                    + ids.stream().sorted().map(String::valueOf).toList() + "; use the numeric id");
        }
        return tasks.findById(ids.get(0)).orElseThrow(() -> ApiException.notFound("task", idOrName));
    }

    /** Creates the task with its inline sources, destinations and options, all or nothing. */
    @Transactional
    public Task create(TaskRequest request, Caller caller) {
        Instant now = DbTime.now();
        Task task = tasks.save(new Task(null, caller.userId(), request.name(), request.comment(), request.workflowType(),
                request.workflowAction(), request.sourceType(), request.destinationType(),
                Objects.requireNonNullElse(request.priority(), DEFAULT_PRIORITY),
                Objects.requireNonNullElse(request.conflictResolution(), ConflictResolution.rename),
                Objects.requireNonNullElse(request.activate(), true),
                TaskAction.noop, TaskStatus.not_activated, 0, null, null, 0, 0,
                now, now, caller.username(), caller.username(),
                request.bandwidthLimit() == null || request.bandwidthLimit() == 0 ? null : request.bandwidthLimit(),
                Boolean.TRUE.equals(request.confirmErase())));
        writeInline(task.id(), request);
        audit.created("tasks", audited(task));
        return task;
    }

    private void writeInline(long taskId, TaskRequest request) {
        replaceEndpoints(EndpointKind.SOURCE, taskId, request.sources());
        replaceEndpoints(EndpointKind.DESTINATION, taskId, request.destinations());
        if (request.options() != null) {
            options.set(taskId, request.options());
        }
    }

    private void replaceEndpoints(EndpointKind kind, long taskId, List<TaskEndpointRequest> requests) {
        if (requests != null) {
            endpoints.list(kind, taskId).forEach(endpoint -> endpoints.remove(kind, endpoint));
            requests.forEach(request -> endpoints.insert(kind, taskId, request));
        }
    }

    /** Applies the fields the request carries; the others keep their values. */
    @Transactional
    public Task update(Task task, TaskRequest request, Caller caller) {
        guard.requireNoUnfinishedRun(task.id());
        Map<String, Object> before = audited(task);
        tasks.update(task.id(),
                Objects.requireNonNullElse(request.name(), task.name()),
                request.comment() == null ? task.comment() : request.comment(),
                Objects.requireNonNullElse(request.workflowType(), task.workflowType()),
                Objects.requireNonNullElse(request.workflowAction(), task.workflowAction()),
                request.sourceType() == null ? task.sourceType() : request.sourceType(),
                request.destinationType() == null ? task.destinationType() : request.destinationType(),
                Objects.requireNonNullElse(request.priority(), task.priority()),
                Objects.requireNonNullElse(request.conflictResolution(), task.conflictResolution()),
                Objects.requireNonNullElse(request.activate(), task.activate()),
                request.bandwidthLimit() == null ? task.bandwidthLimit() : request.bandwidthLimit() == 0 ? null : request.bandwidthLimit(),
                Objects.requireNonNullElse(request.confirmErase(), task.confirmErase()),
                DbTime.now(), caller.username());
        writeInline(task.id(), request);
        Task updated = tasks.findById(task.id()).orElseThrow();
        audit.updated("tasks", before, audited(updated));
        return updated;
    }

    /** The task as its audit row shows it: with its sources, destinations and options (given inline). */
    private Map<String, Object> audited(Task task) {
        return AuditFields.with(task, Map.of("sources", endpoints.list(EndpointKind.SOURCE, task.id()),
                "destinations", endpoints.list(EndpointKind.DESTINATION, task.id()), "options", options.list(task.id())));
    }

    @Transactional
    public void delete(Task task) {
        guard.requireNoUnfinishedRun(task.id());
        tasks.delete(task);
        audit.destroyed("tasks", task);
    }

    @Override
    public String plural() {
        return "tasks";
    }

    @Override
    public long countOwnedBy(long userId) {
        return tasks.countByOwnerId(userId);
    }
}
