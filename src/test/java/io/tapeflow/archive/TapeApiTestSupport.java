package io.tapeflow.archive;

import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import io.tapeflow.support.TestSql;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Virtual libraries of small cartridges, pools, tasks run to their end, and source trees, for the tape run tests. */
abstract class TapeApiTestSupport extends ApiTestSupport {

    static final long CAPACITY = 4L << 20;
    static final Duration PATIENCE = Duration.ofSeconds(90);

    @Inject
    DataSource dataSource;

    /** A virtual library of 5 cartridges of 4 MiB, all in a new pool; answers the pool's id. */
    long poolOfSmallTapes(String name) throws IOException {
        return poolOfSmallTapes(name, Files.createTempDirectory("tf-lib").resolve(name));
    }

    long poolOfSmallTapes(String name, Path dir) {
        return pool(name, library(name, dir, 1, 5), 0, 4);
    }

    /** A virtual library of {@code cartridges} cartridges of 4 MiB; answers its id. */
    long library(String name, Path dir, int drives, int cartridges) {
        ApiResponse library = post("/api/v2/tape_libraries", Map.of("name", name, "protocol", "virtual", "device", dir.toString(),
                "drives", drives, "storage_slots", cartridges + 5, "io_slots", 2, "cartridges", cartridges, "cartridge_capacity", CAPACITY,
                "barcode_prefix", name.substring(0, 2).toUpperCase()), ADMIN);
        assertEquals(201, library.status(), library.raw());
        return library.id();
    }

    /** A new tape pool holding the library's cartridges number {@code from} to {@code to} (from 0, in id order); answers its id. */
    long pool(String name, long libraryId, int from, int to) {
        TestSql sql = new TestSql(dataSource);
        long pool = sql.insert("INSERT INTO pool (name, type, content, creation_date, modification_date, creation_username, "
                + "modification_username) VALUES (?, 'active_archive', 'tape', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'admin', 'admin')", name);
        List<Map<String, Object>> tapes = get("/api/v2/tapes?tape_library_id=" + libraryId + "&sort_by=id&limit=1000", ADMIN).list("tapes");
        for (Map<String, Object> tape : tapes.subList(from, to + 1)) {
            sql.insert("UPDATE tape SET pool_id = ? WHERE id = ?", pool, ((Number) tape.get("id")).longValue());
        }
        return pool;
    }

    /** A count read straight from the database (the catalog's own API is tested on its own). */
    /** Waits until {@code sql} counts {@code expected}: a run records its end or pause, then gives its drives back. */
    void awaitCount(long expected, String message, String sql, Object... parameters) throws java.sql.SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (count(sql, parameters) != expected) {
            assertTrue(Instant.now().isBefore(deadline), message);
            Thread.sleep(50);
        }
    }

    long count(String sql, Object... parameters) throws java.sql.SQLException {
        try (java.sql.Connection connection = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
            io.tapeflow.persistence.SqlParameters.bind(statement, List.of(parameters));
            try (java.sql.ResultSet rs = statement.executeQuery()) {
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

    /** {@code data/big.bin} of 7 MiB (it spans 4 MiB tapes), 20 notes of about 50 kB in {@code data/été 2024}, an empty file. */
    static Path tree() throws IOException {
        Path root = Files.createTempDirectory("tf-src");
        Path data = Files.createDirectories(root.resolve("data/été 2024"));
        byte[] big = new byte[7 << 20];
        new Random(7).nextBytes(big);
        Files.write(root.resolve("data/big.bin"), big);
        for (int i = 0; i < 20; i++) {
            byte[] small = new byte[50_000 + i];
            new Random(i).nextBytes(small);
            Files.write(data.resolve("note " + i + ".txt"), small);
        }
        Files.createFile(root.resolve("data/empty.txt"));
        Files.setLastModifiedTime(root.resolve("data/big.bin"), FileTime.from(Instant.parse("2020-01-02T03:04:05Z")));
        return root;
    }

    static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
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
