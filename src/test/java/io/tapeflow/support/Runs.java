package io.tapeflow.support;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Containers, container-to-container tasks and their runs through the API, for tests that need real runs. */
public final class Runs {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final ApiTestSupport api;

    public Runs(ApiTestSupport api) {
        this.api = api;
    }

    /** A container on {@code path}, created by the admin; answers its id. */
    public long container(String name, Path path) {
        ApiResponse created = api.post("/api/v2/containers", Map.of("name", name, "path", path.toString()), ApiTestSupport.ADMIN);
        assertEquals(201, created.status(), created.raw());
        return created.id();
    }

    /** A task of {@code owner} reading {@code sourcePath} of container {@code source} and, when given, writing to {@code destination}. */
    public long task(ApiTestSupport.Auth owner, String name, String action, long source, String sourcePath, Long destination,
                     Map<String, Object> extra) {
        Map<String, Object> fields = new HashMap<>(Map.of("name", name, "workflow_action", action));
        fields.putAll(extra);
        ApiResponse task = api.createTask(owner, fields);
        assertEquals(201, task.status(), task.raw());
        ApiResponse s = api.post("/api/v2/tasks/" + task.id() + "/task_sources", Map.of("container_id", source, "file_path", sourcePath), owner);
        assertEquals(201, s.status(), s.raw());
        if (destination != null) {
            ApiResponse d = api.post("/api/v2/tasks/" + task.id() + "/task_destinations", Map.of("container_id", destination, "folder_path", "/"), owner);
            assertEquals(201, d.status(), d.raw());
        }
        return task.id();
    }

    /** Waits until the run the job stands for has ended; answers its execution. */
    public ApiResponse awaitEnd(ApiTestSupport.Auth owner, long task, String job) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        String path = "/api/v2/tasks/" + task + "/action/run?job_id=" + job;
        ApiResponse last = api.get(path, owner);
        while (!"completed".equals(last.get("status")) && !"failed".equals(last.get("status"))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for the run of task " + task + "; last: " + last.raw());
            }
            Thread.sleep(100);
            last = api.get(path, owner);
        }
        return api.get("/api/v2/task_executions/" + ((Number) last.get("task_execution_id")).longValue(), owner);
    }

    public ApiResponse runToEnd(ApiTestSupport.Auth owner, long task) throws InterruptedException {
        ApiResponse started = api.put("/api/v2/tasks/" + task + "/action/run", Map.of(), owner);
        assertEquals(202, started.status(), started.raw());
        return awaitEnd(owner, task, (String) started.get("job_id"));
    }
}
