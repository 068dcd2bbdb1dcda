package io.tapeflow.execution;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.RunTestSupport;
import io.tapeflow.support.TestSql;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Clearing finished executions, and deleting a task with or without its history; the catalog stays. */
@MicronautTest(transactional = false)
class ExecutionHousekeepingApiTest extends RunTestSupport {

    /** A catalog entry as an archive run records it, naming the task and execution. */
    private long catalogEntryOf(long task, long execution) {
        return new TestSql(dataSource).insert("INSERT INTO catalog_file (path, size, checksum, checksum_type, task_id, execution_id,"
                + " creation_date) VALUES (?, 3, 'abc', 'xxh64', ?, ?, CURRENT_TIMESTAMP)", "/archived/" + execution, task, execution);
    }

    private long rows(String table, long execution) {
        return count("SELECT COUNT(*) FROM " + table + " WHERE execution_id = ?", execution);
    }

    @Test
    void clearingRemovesFinishedExecutionsWithTheirLogsButNeverARunningOne() throws Exception {
        Path source = Files.createTempDirectory("tf-src");
        Files.write(source.resolve("slow.bin"), new byte[4 << 20]);
        long task = copyTask(ADMIN, "clear", source, Files.createTempDirectory("tf-dst"), Map.of());
        long first = runToEnd(task).id();
        long second = runToEnd(task).id();
        long catalog = catalogEntryOf(task, first);
        assertTrue(rows("task_execution_log", first) > 0);
        assertEquals(200, put("/api/v2/tasks/" + task, Map.of("bandwidth_limit", 1024 * 1024), ADMIN).status());
        long running = start(task);
        await("transfer", () -> execution(running), r -> "in_progress".equals(r.get("status")));

        ApiResponse cleared = delete("/api/v2/task_executions?task_id=" + task, ADMIN);

        assertEquals(200, cleared.status(), cleared.raw());
        assertEquals(2, number(cleared, "count"), cleared.raw());
        assertEquals(404, execution(first).status());
        assertEquals(404, execution(second).status());
        assertEquals(0, rows("task_execution_log", first), "the log goes with its execution");
        assertEquals(0, rows("task_action_job", first));
        assertEquals(1, count("SELECT COUNT(*) FROM catalog_file WHERE id = ? AND execution_id = ?", catalog, first), "the catalog stays");
        assertEquals("in_progress", execution(running).get("status"), "a running execution is never cleared");

        ApiResponse everything = delete("/api/v2/task_executions?all=true", ADMIN);
        assertEquals(200, everything.status(), everything.raw());
        assertEquals("in_progress", execution(running).get("status"));
        assertEquals(1, get("/api/v2/task_executions?task_id=" + task, ADMIN).get("count"));

        assertEquals(202, put("/api/v2/tasks/" + task + "/action/stop", Map.of(), ADMIN).status());
        assertEquals("stopped_by_user", awaitEnd(running).get("status"));
        assertEquals(1, number(delete("/api/v2/task_executions?task_id=" + task + "&status=stopped_by_user", ADMIN), "count"));
    }

    @Test
    void clearingNeedsAFilterOrAllAndKeepsToTheCallersOwnExecutions() throws Exception {
        ApiResponse unfiltered = delete("/api/v2/task_executions", ADMIN);
        assertEquals(422, unfiltered.status(), unfiltered.raw());
        assertEquals(List.of("blank"), unfiltered.errorKinds("all"));
        assertEquals(422, delete("/api/v2/task_executions?status=done&limit=5", ADMIN).status(), "a DELETE takes every match, not a page");
        assertEquals(422, delete("/api/v2/task_executions?colour=blue", ADMIN).status());
        assertEquals(422, delete("/api/v2/task_executions?status=exploded", ADMIN).status());

        Auth user = createUser("tidy", "user");
        Path source = Files.createTempDirectory("tf-src");
        Files.writeString(source.resolve("x.txt"), "x");
        long own = runToEnd(copyTask(user, "tidy-own", source, Files.createTempDirectory("tf-dst"), Map.of())).id();
        long admins = runToEnd(copyTask(ADMIN, "tidy-admin", source, Files.createTempDirectory("tf-dst"), Map.of())).id();

        assertEquals(403, delete("/api/v2/task_executions?all=true", user).status());
        assertEquals(403, delete("/api/v2/task_executions?status=done", createUser("onlooker", "guest")).status());
        assertEquals(403, delete("/api/v2/task_executions?status=done", createKey(user, "task_executions/index")).status());

        ApiResponse cleared = delete("/api/v2/task_executions?status=done", createKey(user, "task_executions/destroy"));

        assertEquals(200, cleared.status(), cleared.raw());
        assertEquals(1, number(cleared, "count"), "only the user's own");
        assertEquals(404, execution(own).status());
        assertEquals(200, execution(admins).status());
    }

    @Test
    void deletingATaskKeepsItsHistoryReadableByDefault() throws Exception {
        Blocked blocked = Blocked.create();
        long task = copyTask(ADMIN, "kept", blocked.source(), blocked.destination(), Map.of());
        ApiResponse run = runToEnd(task);
        long catalog = catalogEntryOf(task, run.id());

        assertEquals(204, delete("/api/v2/tasks/" + task, ADMIN).status());

        assertEquals(404, get("/api/v2/tasks/" + task, ADMIN).status());
        ApiResponse kept = execution(run.id());
        assertEquals(200, kept.status(), kept.raw());
        assertEquals("kept", kept.get("name"), "the task's name stays with its runs");
        assertEquals(task, number(kept, "task_id"));
        assertEquals(1, get("/api/v2/task_executions?task_id=" + task, ADMIN).get("count"));
        assertTrue(get("/api/v2/task_executions/" + run.id() + "/log", ADMIN).raw().contains("a/1.txt"));
        assertEquals(1, count("SELECT COUNT(*) FROM catalog_file WHERE id = ?", catalog));
        ApiResponse retry = put("/api/v2/task_executions/" + run.id() + "/action/retry", Map.of(), ADMIN);
        assertEquals(409, retry.status(), retry.raw());
        assertTrue(retry.messages().get(0).contains("deleted"), retry.raw());
    }

    @Test
    void deletingATaskWithoutHistoryRemovesItsExecutionsAndLogsButNotTheCatalog() throws Exception {
        Path source = Files.createTempDirectory("tf-src");
        Files.writeString(source.resolve("x.txt"), "x");
        long task = copyTask(ADMIN, "forgotten", source, Files.createTempDirectory("tf-dst"), Map.of());
        long first = runToEnd(task).id();
        long second = runToEnd(task).id();
        long catalog = catalogEntryOf(task, first);

        ApiResponse refused = delete("/api/v2/tasks/" + task + "?keep_history=maybe", ADMIN);
        assertEquals(422, refused.status(), refused.raw());
        assertEquals(200, get("/api/v2/tasks/" + task, ADMIN).status(), "a refused request changes nothing");

        assertEquals(204, delete("/api/v2/tasks/" + task + "?keep_history=false", ADMIN).status());

        assertEquals(404, get("/api/v2/tasks/" + task, ADMIN).status());
        for (long execution : List.of(first, second)) {
            assertEquals(404, execution(execution).status());
            assertEquals(0, rows("task_execution_log", execution));
            assertEquals(0, rows("task_action_job", execution));
        }
        assertEquals(0, get("/api/v2/task_executions?task_id=" + task, ADMIN).get("count"));
        assertEquals(1, count("SELECT COUNT(*) FROM catalog_file WHERE id = ? AND execution_id = ?", catalog, first), "the catalog stays");
        assertTrue(Files.exists(source.resolve("x.txt")));
        assertFalse(get("/api/v2/task_executions?all=true", ADMIN).raw().contains("\"forgotten\""));
    }
}
