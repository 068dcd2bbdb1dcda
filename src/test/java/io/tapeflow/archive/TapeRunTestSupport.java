package io.tapeflow.archive;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.tapeflow.persistence.SqlParameters;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import io.tapeflow.support.TestSql;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Tape runs through the API: a pool of small virtual cartridges, tasks, runs awaited to their end. */
abstract class TapeRunTestSupport extends ApiTestSupport {

    static final long CAPACITY = 4L << 20;
    static final Duration PATIENCE = Duration.ofSeconds(90);

    @Inject
    DataSource dataSource;

    /** A virtual library of one drive and 5 cartridges of 4 MiB, all in a new pool; answers the pool's id. */
    long poolOfSmallTapes(String name) throws IOException {
        return poolOfSmallTapes(name, Files.createTempDirectory("tf-lib").resolve(name));
    }

    long poolOfSmallTapes(String name, Path dir) throws IOException {
        ApiResponse library = post("/api/v2/tape_libraries", Map.of("name", name, "protocol", "virtual", "device", dir.toString(),
                "drives", 1, "storage_slots", 10, "io_slots", 2, "cartridges", 5, "cartridge_capacity", CAPACITY,
                "barcode_prefix", name.substring(0, 2).toUpperCase()), ADMIN);
        assertEquals(201, library.status(), library.raw());
        TestSql sql = new TestSql(dataSource);
        long pool = sql.insert("INSERT INTO pool (name, type, content, creation_date, modification_date, creation_username, "
                + "modification_username) VALUES (?, 'active_archive', 'tape', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'admin', 'admin')", name);
        sql.insert("UPDATE tape SET pool_id = ? WHERE tape_library_id = ?", pool, library.id());
        return pool;
    }

    /** A count read straight from the database (the catalog's own API is tested on its own). */
    long count(String sql, Object... parameters) throws SQLException {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            SqlParameters.bind(statement, List.of(parameters));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    long container(String name, Path path) {
        ApiResponse created = post("/api/v2/containers", Map.of("name", name, "path", path.toString()), ADMIN);
        assertEquals(201, created.status(), created.raw());
        return created.id();
    }

    long task(String name, String action, Map<String, Object> source, Map<String, Object> destination, Map<String, Object> extra) {
        Map<String, Object> fields = new HashMap<>(Map.of("name", name, "workflow_action", action));
        fields.putAll(extra);
        long task = createTask(ADMIN, fields).id();
        ApiResponse s = post("/api/v2/tasks/" + task + "/task_sources", source, ADMIN);
        assertEquals(201, s.status(), s.raw());
        if (destination != null) {
            ApiResponse d = post("/api/v2/tasks/" + task + "/task_destinations", destination, ADMIN);
            assertEquals(201, d.status(), d.raw());
        }
        return task;
    }

    String start(long task) {
        ApiResponse started = put("/api/v2/tasks/" + task + "/action/run", Map.of(), ADMIN);
        assertEquals(202, started.status(), started.raw());
        return (String) started.get("job_id");
    }

    ApiResponse runToEnd(long task) throws InterruptedException {
        return awaitEnd(task, start(task));
    }

    /** The execution of the run {@code job} of {@code task}, once it ended. */
    ApiResponse awaitEnd(long task, String job) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        ApiResponse last = get("/api/v2/tasks/" + task + "/action/run?job_id=" + job, ADMIN);
        while (!"completed".equals(last.get("status")) && !"failed".equals(last.get("status"))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out; last: " + last.raw());
            }
            Thread.sleep(100);
            last = get("/api/v2/tasks/" + task + "/action/run?job_id=" + job, ADMIN);
        }
        return get("/api/v2/task_executions/" + ((Number) last.get("task_execution_id")).longValue(), ADMIN);
    }

    /** Polls until the task's run is in progress (for a tape run: it holds its drive). */
    void awaitInProgress(long task) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!"in_progress".equals(get("/api/v2/tasks/" + task, ADMIN).get("status"))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("task " + task + " never started: " + get("/api/v2/tasks/" + task, ADMIN).raw());
            }
            Thread.sleep(50);
        }
    }

    /** Polls until the task's latest run waits for a drive (its status text says so); answers that execution. */
    Map<String, Object> awaitWaitingForADrive(long task) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            List<Map<String, Object>> executions = get("/api/v2/tasks/" + task + "/task_executions", ADMIN).list("task_executions");
            if (!executions.isEmpty() && String.valueOf(executions.get(0).get("status_text")).startsWith("waiting for a drive")) {
                return executions.get(0);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("task " + task + " never waited for a drive: " + executions);
            }
            Thread.sleep(50);
        }
    }

    List<Map<String, Object>> tapes(long pool) {
        return get("/api/v2/tapes?pool_id=" + pool + "&sort_by=barcode&limit=100", ADMIN).list("tapes");
    }
}
