package io.tapeflow.task;

import io.tapeflow.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import io.tapeflow.api.ApiException;
import io.tapeflow.api.PathIds;
import io.tapeflow.audit.AuditLog;
import io.tapeflow.catalog.ArchivePath;
import io.tapeflow.library.Tape;
import io.tapeflow.library.TapeService;
import io.tapeflow.pool.Pool;
import io.tapeflow.pool.PoolService;
import java.util.function.Function;
import java.util.function.LongFunction;
import io.tapeflow.container.Container;
import io.tapeflow.container.ContainerRoot;
import io.tapeflow.container.ContainerService;
import io.tapeflow.persistence.SqlParameters;
import jakarta.inject.Singleton;


import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Sources and destinations of tasks. Every path is checked against its container's root when it is
 * written (no {@code ..}, no symlink leaving the container), and again by the runner when it is used.
 */
@Singleton
public class TaskEndpointService {

    private final JdbcOperations jdbc;
    private final ContainerService containers;
    private final RunGuard guard;
    private final PoolService pools;
    private final TapeService tapes;
    private final AuditLog audit;

    public TaskEndpointService(JdbcOperations jdbc, ContainerService containers, RunGuard guard, PoolService pools, TapeService tapes,
                               AuditLog audit) {
        this.audit = audit;
        this.pools = pools;
        this.tapes = tapes;
        this.guard = guard;
        this.jdbc = jdbc;
        this.containers = containers;
    }

    @ReadOnly
    public List<TaskEndpoint> list(EndpointKind kind, long taskId) {
        return query(kind, "e.task_id = ? ORDER BY e.id", taskId);
    }

    @ReadOnly
    public TaskEndpoint find(EndpointKind kind, long taskId, String id) {
        long number = PathIds.numeric(id).orElseThrow(() -> ApiException.notFound(kind.label(), id));
        return query(kind, "e.task_id = ? AND e.id = ?", taskId, number).stream().findFirst()
                .orElseThrow(() -> ApiException.notFound(kind.label(), id));
    }

    @Transactional
    public TaskEndpoint create(EndpointKind kind, long taskId, TaskEndpointRequest request) {
        TaskEndpoint endpoint = insert(kind, taskId, request);
        audit.created(resource(kind), endpoint);
        return endpoint;
    }

    /** Adds an endpoint as part of a task's create or update, whose audit row covers it. */
    TaskEndpoint insert(EndpointKind kind, long taskId, TaskEndpointRequest request) {
        guard.requireNoUnfinishedRun(taskId);
        TaskEndpoint endpoint = resolve(kind, 0, taskId, request, request.path() == null ? "/" : request.path());
        long id = Sql.insert(jdbc, "INSERT INTO " + kind.table() + " (task_id, container_id, pool_id, tape_id, " + kind.pathField()
                        + ") VALUES (?, ?, ?, ?, ?)",
                taskId, endpoint.containerId(), endpoint.poolId(), endpoint.tapeId(), endpoint.path());
        return withId(endpoint, id);
    }

    @Transactional
    public TaskEndpoint update(EndpointKind kind, TaskEndpoint endpoint, TaskEndpointRequest request) {
        guard.requireNoUnfinishedRun(endpoint.taskId());
        String path = request.path() == null ? endpoint.path() : request.path();
        TaskEndpointRequest target = request.namesTarget() ? request
                : new TaskEndpointRequest(endpoint.containerId(), null, endpoint.poolId(), null, endpoint.tapeId(), null, null, null);
        TaskEndpoint updated = resolve(kind, endpoint.id(), endpoint.taskId(), target, path);
        Sql.update(jdbc, "UPDATE " + kind.table() + " SET container_id = ?, pool_id = ?, tape_id = ?, " + kind.pathField()
                + " = ? WHERE id = ?", updated.containerId(), updated.poolId(), updated.tapeId(), updated.path(), endpoint.id());
        audit.updated(resource(kind), endpoint, updated);
        return updated;
    }

    @Transactional
    public void delete(EndpointKind kind, TaskEndpoint endpoint) {
        remove(kind, endpoint);
        audit.destroyed(resource(kind), endpoint);
    }

    /** Removes an endpoint as part of a task's update, whose audit row covers it. */
    void remove(EndpointKind kind, TaskEndpoint endpoint) {
        guard.requireNoUnfinishedRun(endpoint.taskId());
        Sql.update(jdbc, "DELETE FROM " + kind.table() + " WHERE id = ?", endpoint.id());
    }

    /** task_sources or task_destinations, as the API names them. */
    private static String resource(EndpointKind kind) {
        return kind.table() + "s";
    }

    /** The container, pool or tape the request names, with the path checked for it (422 otherwise). */
    private TaskEndpoint resolve(EndpointKind kind, long id, long taskId, TaskEndpointRequest request, String path) {
        if (request.namesContainer()) {
            Container container = referenced("container", "container_name", request.containerId(), request.containerName(),
                    containers::find, containers::find);
            return new TaskEndpoint(id, taskId, container.id(), container.name(), null, null, null, null,
                    checkedPath(container, path, kind));
        }
        String archivePath;
        try {
            archivePath = ArchivePath.normalize(path);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(kind.pathField(), "invalid", e.getMessage());
        }
        if (request.namesPool()) {
            Pool pool = referenced("pool", "pool_name", request.poolId(), request.poolName(), pools::find, pools::find);
            return new TaskEndpoint(id, taskId, null, null, pool.id(), pool.name(), null, null, archivePath);
        }
        Tape tape = referenced("tape", "tape_barcode", request.tapeId(), request.tapeBarcode(), tapes::find, tapes::find);
        return new TaskEndpoint(id, taskId, null, null, null, null, tape.id(), tape.barcode(), archivePath);
    }

    /**
     * The row a source or destination names by id, or else by name: one that does not exist is a 422 on
     * the field the client used (the body is invalid), not a 404 (the URL is fine).
     */
    private static <T> T referenced(String what, String nameField, Long id, String name, LongFunction<T> byId, Function<String, T> byName) {
        try {
            return id != null ? byId.apply(id) : byName.apply(name);
        } catch (ApiException e) {
            if (e.status().getCode() == 404) {
                throw ApiException.invalid(id != null ? what + "_id" : nameField, "invalid", what + " " + (id != null ? id : name) + " does not exist");
            }
            throw e;
        }
    }

    private static TaskEndpoint withId(TaskEndpoint e, long id) {
        return new TaskEndpoint(id, e.taskId(), e.containerId(), e.containerName(), e.poolId(), e.poolName(), e.tapeId(),
                e.tapeBarcode(), e.path());
    }

    /** Normalises the path and refuses one that leaves the container (422). */
    private static String checkedPath(Container container, String path, EndpointKind kind) {
        ContainerRoot root = ContainerRoot.of(container);
        return root.relativize(root.resolve(path));
    }

    private List<TaskEndpoint> query(EndpointKind kind, String where, Object... parameters) {
        String sql = "SELECT e.id, e.task_id, e.container_id, c.name, e.pool_id, p.name, e.tape_id, t.barcode, e." + kind.pathField()
                + " FROM " + kind.table() + " e LEFT JOIN container c ON c.id = e.container_id LEFT JOIN pool p ON p.id = e.pool_id"
                + " LEFT JOIN tape t ON t.id = e.tape_id WHERE " + where;
        return jdbc.prepareStatement(sql, statement -> {
            SqlParameters.bind(statement, List.of(parameters));
            List<TaskEndpoint> endpoints = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    endpoints.add(new TaskEndpoint(rs.getLong(1), rs.getLong(2), rs.getObject(3, Long.class), rs.getString(4),
                            rs.getObject(5, Long.class), rs.getString(6), rs.getObject(7, Long.class), rs.getString(8), rs.getString(9)));
                }
            }
            return endpoints;
        });
    }
}
