package io.tapeflow.support;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Copy tasks between two new containers, run through the API to their end, for tests of what runs cause. */
public final class CopyRuns {

    public static final Duration PATIENCE = Duration.ofSeconds(90);

    private final ApiTestSupport api;

    public CopyRuns(ApiTestSupport api) {
        this.api = api;
    }

    public long container(String name, Path path) {
        ApiResponse created = api.post("/api/v2/containers", Map.of("name", name, "path", path.toString()), ApiTestSupport.ADMIN);
        assertEquals(201, created.status(), created.raw());
        return created.id();
    }

    /** A task copying the whole of {@code source} into {@code destination}, each a new container. */
    public long copyTask(String name, Path source, Path destination) {
        long task = api.createTask(ApiTestSupport.ADMIN, Map.of("name", name, "workflow_action", "copy")).id();
        ApiResponse s = api.post("/api/v2/tasks/" + task + "/task_sources",
                Map.of("container_id", container(name + "-src", source), "file_path", "/"), ApiTestSupport.ADMIN);
        assertEquals(201, s.status(), s.raw());
        ApiResponse d = api.post("/api/v2/tasks/" + task + "/task_destinations",
                Map.of("container_id", container(name + "-dst", destination), "folder_path", "/"), ApiTestSupport.ADMIN);
        assertEquals(201, d.status(), d.raw());
        return task;
    }

    /** Runs the task and answers its execution once it has ended. */
    public ApiResponse runToEnd(long task) throws InterruptedException {
        ApiResponse started = api.put("/api/v2/tasks/" + task + "/action/run", Map.of(), ApiTestSupport.ADMIN);
        assertEquals(202, started.status(), started.raw());
        String job = (String) started.get("job_id");
        ApiResponse[] last = new ApiResponse[1];
        await("the run of task " + task, () -> {
            last[0] = api.get("/api/v2/tasks/" + task + "/action/run?job_id=" + job, ApiTestSupport.ADMIN);
            return "completed".equals(last[0].get("status")) || "failed".equals(last[0].get("status"));
        });
        return api.get("/api/v2/task_executions/" + ((Number) last[0].get("task_execution_id")).longValue(), ApiTestSupport.ADMIN);
    }

    /** Polls until the condition holds, failing after {@link #PATIENCE}. */
    public static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
