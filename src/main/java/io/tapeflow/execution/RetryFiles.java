package io.tapeflow.execution;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import io.tapeflow.api.ApiException;
import io.tapeflow.container.ContainerService;
import io.tapeflow.persistence.Sql;
import io.tapeflow.persistence.SqlParameters;
import io.tapeflow.task.TaskEndpoint;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The failed files of executions, and the plans of the retries made of them. A retry's plan is written
 * when it is requested: each failed file placed in the task's current sources (position and path below
 * the source), so the retry copies it to where the first run would have.
 */
@Singleton
public class RetryFiles {

    /** A path a retry goes through. */
    public record Planned(long id, String path) {
    }

    private record Failed(long id, Long containerId, String path) {
    }

    private final JdbcOperations jdbc;
    private final ContainerService containers;

    public RetryFiles(JdbcOperations jdbc, ContainerService containers) {
        this.jdbc = jdbc;
        this.containers = containers;
    }

    /** What the execution goes through: the walk of its sources, or for a retry its planned paths. */
    @ReadOnly
    public RunPlan planOf(Execution execution) {
        if (execution.retryOfExecutionId() == null) {
            return RunPlan.WALK;
        }
        Set<Integer> sources = new HashSet<>();
        Sql.longs(jdbc, "SELECT DISTINCT source_index FROM execution_retry_file WHERE execution_id = ?", execution.id())
                .forEach(index -> sources.add(index.intValue()));
        return new RetryPlan(this::page, execution.id(), sources);
    }

    /** The next planned paths of a source after the row {@code afterId}, in plan order. */
    @ReadOnly
    public List<Planned> page(long executionId, int source, long afterId, int limit) {
        return jdbc.prepareStatement("SELECT id, path FROM execution_retry_file WHERE execution_id = ? AND source_index = ? AND id > ?"
                + " ORDER BY id LIMIT ?", statement -> {
            SqlParameters.bind(statement, List.of(executionId, source, afterId, limit));
            List<Planned> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Planned(rs.getLong(1), rs.getString(2)));
                }
            }
            return rows;
        });
    }

    /**
     * Writes the plan of {@code retryId}: the failed files of {@code originalId}, placed in the task's
     * sources, in the order they failed.
     *
     * @return how many paths were planned (0 when the original recorded none)
     * @throws ApiException 409 when a failed file lies in none of the task's sources any more
     */
    @Transactional
    public long plan(long originalId, long retryId, List<TaskEndpoint> sources) {
        List<SourceRoot> roots = new ArrayList<>();
        for (TaskEndpoint endpoint : sources) {
            roots.add(endpoint.isContainer() ? root(endpoint) : null);
        }
        long planned = 0;
        long outside = 0;
        String example = null;
        long lastId = 0;
        for (List<Failed> page = failed(originalId, lastId); !page.isEmpty(); page = failed(originalId, lastId)) {
            List<List<Object>> rows = new ArrayList<>(page.size());
            for (Failed failed : page) {
                lastId = failed.id();
                List<Object> row = place(retryId, failed, roots);
                if (row == null) {
                    outside++;
                    example = example == null ? failed.path() : example;
                } else {
                    rows.add(row);
                }
            }
            insert(rows);
            planned += rows.size();
        }
        if (outside > 0) {
            throw ApiException.conflict(outside + " of the files that failed (such as " + example + ") are no longer inside the task's"
                    + " sources, which changed since; run the task instead");
        }
        return planned;
    }

    private SourceRoot root(TaskEndpoint endpoint) {
        try {
            return SourceRoot.of(containers, endpoint);
        } catch (ApiException e) {
            throw ApiException.conflict("source " + endpoint.id() + " of the task cannot be read: " + e.getMessage());
        }
    }

    /** The plan row of a failed file: the first source holding it, and its path below that source; null when none does. */
    private static List<Object> place(long retryId, Failed failed, List<SourceRoot> roots) {
        if (failed.containerId() == null) {
            return null;
        }
        for (int s = 0; s < roots.size(); s++) {
            SourceRoot root = roots.get(s);
            String relative = root == null ? null : root.relativeOf(failed.containerId(), failed.path());
            if (relative != null) {
                return Arrays.asList(retryId, s, relative);
            }
        }
        return null;
    }

    private List<Failed> failed(long executionId, long afterId) {
        return jdbc.prepareStatement("SELECT id, container_id, path FROM execution_failed_file WHERE execution_id = ? AND id > ?"
                + " ORDER BY id LIMIT ?", statement -> {
            SqlParameters.bind(statement, List.of(executionId, afterId, RetryPlan.PAGE));
            List<Failed> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long container = rs.getLong(2);
                    rows.add(new Failed(rs.getLong(1), rs.wasNull() ? null : container, rs.getString(3)));
                }
            }
            return rows;
        });
    }

    private void insert(List<List<Object>> rows) {
        Sql.batch(jdbc, "INSERT INTO execution_retry_file (execution_id, source_index, path) VALUES (?, ?, ?)", rows);
    }
}
