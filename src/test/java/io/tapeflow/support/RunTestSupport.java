package io.tapeflow.support;

import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** HTTP tests that run tasks between containers and wait for their executions. */
public abstract class RunTestSupport extends ApiTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final List<String> ENDED = List.of("done", "finished_with_warnings", "error", "stopped_by_user", "stopped_by_system");

    @Inject
    protected DataSource dataSource;

    protected long container(String name, Path path) {
        ApiResponse created = post("/api/v2/containers", Map.of("name", name, "path", path.toString()), ADMIN);
        assertEquals(201, created.status(), created.raw());
        return created.id();
    }

    /** A copy task owned by {@code auth} from each source to one destination. */
    protected long task(Auth auth, String name, List<Map<String, Object>> sources, Map<String, Object> destination, Map<String, Object> extra) {
        Map<String, Object> fields = new HashMap<>(Map.of("name", name));
        fields.putAll(extra);
        long task = createTask(auth, fields).id();
        for (Map<String, Object> source : sources) {
            ApiResponse created = post("/api/v2/tasks/" + task + "/task_sources", source, auth);
            assertEquals(201, created.status(), created.raw());
        }
        ApiResponse created = post("/api/v2/tasks/" + task + "/task_destinations", destination, auth);
        assertEquals(201, created.status(), created.raw());
        return task;
    }

    /** A copy of the whole container {@code source} into the root of {@code destination}. */
    protected long copyTask(Auth auth, String name, Path source, Path destination, Map<String, Object> extra) {
        return task(auth, name, List.of(Map.of("container_id", container(name + "-src", source), "file_path", "/")),
                Map.of("container_id", container(name + "-dst", destination), "folder_path", "/"), extra);
    }

    protected static ApiResponse await(String what, Supplier<ApiResponse> poll, Predicate<ApiResponse> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        ApiResponse last = poll.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what + "; last: " + last);
            }
            Thread.sleep(100);
            last = poll.get();
        }
        return last;
    }

    /** Runs the task and answers its new execution's id. */
    protected long start(long task) throws InterruptedException {
        ApiResponse started = put("/api/v2/tasks/" + task + "/action/run", Map.of(), ADMIN);
        assertEquals(202, started.status(), started.raw());
        return number(await("execution of task " + task, () -> get("/api/v2/tasks/" + task + "/action/run?job_id=" + started.get("job_id"), ADMIN),
                r -> r.get("task_execution_id") != null), "task_execution_id");
    }

    protected ApiResponse execution(long id) {
        return get("/api/v2/task_executions/" + id, ADMIN);
    }

    protected ApiResponse awaitEnd(long execution) throws InterruptedException {
        return await("end of execution " + execution, () -> execution(execution), r -> ENDED.contains(r.get("status")));
    }

    protected ApiResponse runToEnd(long task) throws InterruptedException {
        return awaitEnd(start(task));
    }

    protected static long number(ApiResponse response, String field) {
        return ((Number) response.get(field)).longValue();
    }

    /** A number read straight from the database. */
    protected long count(String sql, Object... parameters) {
        return new TestSql(dataSource).number(sql, parameters);
    }

    protected static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    /**
     * Four files, two of them under {@code a/}; the destination holds a plain file {@code a} where their
     * folder must go, so exactly those two fail to copy (whoever runs the test: permissions would not
     * stop root).
     */
    protected record Blocked(Path source, Path destination) {
        public static Blocked create() throws IOException {
            Path source = Files.createTempDirectory("tf-src");
            Files.createDirectories(source.resolve("a"));
            Files.writeString(source.resolve("a/1.txt"), "one");
            Files.writeString(source.resolve("a/2.txt"), "two");
            Files.createDirectories(source.resolve("b"));
            Files.writeString(source.resolve("b/3.txt"), "three");
            Files.writeString(source.resolve("c.txt"), "four");
            Path destination = Files.createTempDirectory("tf-dst");
            Files.writeString(destination.resolve("a"), "in the way");
            return new Blocked(source, destination);
        }

        public void unblock() throws IOException {
            Files.delete(destination.resolve("a"));
        }
    }
}
