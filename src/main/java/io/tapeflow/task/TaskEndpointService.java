package io.tapeflow.task;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import io.tapeflow.api.ApiException;
import io.tapeflow.api.PathIds;
import io.tapeflow.container.Container;
import io.tapeflow.container.ContainerRoot;
import io.tapeflow.container.ContainerService;
import io.tapeflow.persistence.SqlParameters;
import jakarta.inject.Singleton;

import io.micronaut.data.exceptions.DataAccessException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

    public TaskEndpointService(JdbcOperations jdbc, ContainerService containers, RunGuard guard) {
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
        guard.requireNoUnfinishedRun(taskId);
        Container container = container(request);
        String path = checkedPath(container, request.path() == null ? "/" : request.path(), kind);
        long id = insert("INSERT INTO " + kind.table() + " (task_id, container_id, " + kind.pathField() + ") VALUES (?, ?, ?)",
                taskId, container.id(), path);
        return new TaskEndpoint(id, taskId, container.id(), container.name(), path);
    }

    @Transactional
    public TaskEndpoint update(EndpointKind kind, TaskEndpoint endpoint, TaskEndpointRequest request) {
        guard.requireNoUnfinishedRun(endpoint.taskId());
        Container container = request.containerId() == null && request.containerName() == null
                ? containers.find(endpoint.containerId()) : container(request);
        String path = checkedPath(container, request.path() == null ? endpoint.path() : request.path(), kind);
        jdbc.prepareStatement("UPDATE " + kind.table() + " SET container_id = ?, " + kind.pathField() + " = ? WHERE id = ?", statement -> {
            statement.setLong(1, container.id());
            statement.setString(2, path);
            statement.setLong(3, endpoint.id());
            return statement.executeUpdate();
        });
        return new TaskEndpoint(endpoint.id(), endpoint.taskId(), container.id(), container.name(), path);
    }

    @Transactional
    public void delete(EndpointKind kind, TaskEndpoint endpoint) {
        guard.requireNoUnfinishedRun(endpoint.taskId());
        jdbc.prepareStatement("DELETE FROM " + kind.table() + " WHERE id = ?", statement -> {
            statement.setLong(1, endpoint.id());
            return statement.executeUpdate();
        });
    }

    private Container container(TaskEndpointRequest request) {
        String idOrName = request.containerId() != null ? String.valueOf(request.containerId()) : request.containerName();
        try {
            return containers.find(idOrName);
        } catch (ApiException e) {
            if (e.status().getCode() == 404) {
                throw ApiException.invalid(request.containerId() != null ? "container_id" : "container_name", "invalid",
                        "container " + idOrName + " does not exist");
            }
            throw e;
        }
    }

    /** Normalises the path and refuses one that leaves the container (422). */
    private static String checkedPath(Container container, String path, EndpointKind kind) {
        ContainerRoot root = ContainerRoot.of(container);
        return root.relativize(root.resolve(path));
    }

    private long insert(String sql, Object... parameters) {
        try (PreparedStatement statement = jdbc.getConnection().prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            SqlParameters.bind(statement, List.of(parameters));
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new DataAccessException("could not insert: " + e.getMessage(), e);
        }
    }

    private List<TaskEndpoint> query(EndpointKind kind, String where, Object... parameters) {
        String sql = "SELECT e.id, e.task_id, e.container_id, c.name, e." + kind.pathField() + " FROM " + kind.table()
                + " e JOIN container c ON c.id = e.container_id WHERE " + where;
        return jdbc.prepareStatement(sql, statement -> {
            SqlParameters.bind(statement, List.of(parameters));
            List<TaskEndpoint> endpoints = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    endpoints.add(new TaskEndpoint(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5)));
                }
            }
            return endpoints;
        });
    }
}
