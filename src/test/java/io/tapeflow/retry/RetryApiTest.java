package io.tapeflow.retry;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.RunTestSupport;
import io.tapeflow.support.TestSql;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retries of executions: only the files that failed, as a new execution linked to the first. */
@MicronautTest(transactional = false)
class RetryApiTest extends RunTestSupport {

    private ApiResponse retry(long execution) {
        return put("/api/v2/task_executions/" + execution + "/action/retry", Map.of(), ADMIN);
    }

    @Test
    void aRetryCopiesOnlyTheFilesThatFailedAsANewExecutionLinkedToTheFirst() throws Exception {
        Blocked blocked = Blocked.create();
        long task = copyTask(ADMIN, "blocked", blocked.source(), blocked.destination(), Map.of());
        ApiResponse first = runToEnd(task);
        assertEquals("finished_with_warnings", first.get("status"), first.raw());
        assertEquals(2, number(first, "failed_files"), first.raw());
        assertEquals(2, number(first, "processed_files"), first.raw());
        assertNull(first.get("retry_of"));
        assertEquals(2, count("SELECT COUNT(*) FROM execution_failed_file WHERE execution_id = ?", first.id()),
                "each failed file is recorded with the counters");

        blocked.unblock();
        ApiResponse accepted = retry(first.id());

        assertEquals(202, accepted.status(), accepted.raw());
        assertEquals("queued", accepted.get("status"));
        long retryId = number(accepted, "task_execution_id");
        ApiResponse retried = awaitEnd(retryId);
        assertEquals("done", retried.get("status"), retried.raw());
        assertEquals(number(first, "failed_files"), number(retried, "processed_files"), retried.raw());
        assertEquals(2, number(retried, "to_process_files"), retried.raw());
        assertEquals(0, number(retried, "failed_files"));
        assertEquals(first.id(), number(retried, "retry_of"));
        assertEquals(task, number(retried, "task_id"));
        // b/3.txt and c.txt were not copied again: a second copy would have landed as "3 (1).txt" (conflict rename)
        assertEquals(List.of(Path.of("a/1.txt"), Path.of("a/2.txt"), Path.of("b/3.txt"), Path.of("c.txt")), files(blocked.destination()));
        assertEquals("one", Files.readString(blocked.destination().resolve("a/1.txt")));
        String log = get("/api/v2/task_executions/" + retryId + "/log", ADMIN).raw();
        assertFalse(log.contains("c.txt"), log);

        ApiResponse job = get("/api/v2/task_executions/" + first.id() + "/action/retry?job_id=" + accepted.get("job_id"), ADMIN);
        assertEquals("completed", job.get("status"), job.raw());
        assertEquals(retryId, number(job, "task_execution_id"));
        assertEquals(404, get("/api/v2/task_executions/" + retryId + "/action/retry?job_id=" + accepted.get("job_id"), ADMIN).status(),
                "the job belongs to the execution it retries");
        assertEquals(1, get("/api/v2/task_executions?retry_of=" + first.id(), ADMIN).get("count"));

        ApiResponse nothingLeft = retry(retryId);
        assertEquals(409, nothingLeft.status(), nothingLeft.raw());
        assertTrue(nothingLeft.messages().get(0).contains("no file"), nothingLeft.raw());
    }

    @Test
    void aRetryOfAnArchiveToTapeWritesOnlyWhatFailed() throws Exception {
        Path library = Files.createTempDirectory("tf-lib").resolve("retrylib");
        ApiResponse created = post("/api/v2/tape_libraries", Map.of("name", "retrylib", "protocol", "virtual", "device", library.toString(),
                "drives", 1, "storage_slots", 4, "io_slots", 1, "cartridges", 2, "cartridge_capacity", 16L << 20, "barcode_prefix", "RT"), ADMIN);
        assertEquals(201, created.status(), created.raw());
        TestSql sql = new TestSql(dataSource);
        long pool = sql.insert("INSERT INTO pool (name, type, content, creation_date, modification_date, creation_username, "
                + "modification_username) VALUES ('retrypool', 'active_archive', 'tape', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'admin', 'admin')");
        sql.insert("UPDATE tape SET pool_id = ? WHERE tape_library_id = ?", pool, created.id());
        Path root = Files.createTempDirectory("tf-src");
        Files.createDirectories(root.resolve("present"));
        Files.writeString(root.resolve("present/a.txt"), "archived the first time");
        Files.createDirectories(root.resolve("later"));
        long src = container("archive-src", root);
        long task = task(ADMIN, "archive", List.of(Map.of("container_id", src, "file_path", "/present"), Map.of("container_id", src, "file_path", "/later")),
                Map.of("pool_id", pool, "folder_path", "/vault"), Map.of("destination_type", "secondary_tape"));
        Files.delete(root.resolve("later"));

        ApiResponse first = runToEnd(task);
        assertEquals("finished_with_warnings", first.get("status"), first.raw());
        assertEquals(1, number(first, "failed_files"), "the missing source");
        assertEquals(1, count("SELECT COUNT(*) FROM catalog_file WHERE path LIKE '/vault/%'"));

        Files.createDirectories(root.resolve("later/sub"));
        Files.writeString(root.resolve("later/b.txt"), "b");
        Files.write(root.resolve("later/sub/c.bin"), new Random(3).ints(1000).mapToObj(Integer::toString).reduce("", String::concat).getBytes());
        ApiResponse accepted = retry(first.id());
        assertEquals(202, accepted.status(), accepted.raw());
        ApiResponse retried = awaitEnd(number(accepted, "task_execution_id"));

        assertEquals("done", retried.get("status"), retried.raw());
        assertEquals(2, number(retried, "processed_files"), "the source that was missing, walked whole: " + retried.raw());
        assertEquals(List.of("/vault/later/b.txt", "/vault/later/sub/c.bin", "/vault/present/a.txt"),
                new TestSql(dataSource).strings("SELECT path FROM catalog_file WHERE path LIKE '/vault/%' ORDER BY path"),
                "a.txt was not archived again");
    }

    @Test
    void retryIsRefusedForUnknownForeignRunningAndCleanExecutions() throws Exception {
        assertEquals(404, retry(999_999).status());
        assertEquals(404, retry(-1).status());

        Path source = Files.createTempDirectory("tf-src");
        Files.write(source.resolve("slow.bin"), new byte[4 << 20]);
        long task = copyTask(ADMIN, "refusals", source, Files.createTempDirectory("tf-dst"), Map.of());
        ApiResponse clean = runToEnd(task);
        assertEquals("done", clean.get("status"), clean.raw());
        assertEquals(409, retry(clean.id()).status(), "failed on no file");

        Blocked blocked = Blocked.create();
        long failing = copyTask(ADMIN, "refusals-blocked", blocked.source(), blocked.destination(), Map.of());
        ApiResponse withFailures = runToEnd(failing);
        assertEquals(2, number(withFailures, "failed_files"), withFailures.raw());

        Auth other = createUser("someone", "user");
        assertEquals(404, put("/api/v2/task_executions/" + withFailures.id() + "/action/retry", Map.of(), other).status(),
                "another user's execution does not exist for them");
        Auth guest = createUser("watcher", "guest");
        assertEquals(403, put("/api/v2/task_executions/" + withFailures.id() + "/action/retry", Map.of(), guest).status());
        Auth narrowKey = createKey(ADMIN, "task_executions/show");
        assertEquals(403, put("/api/v2/task_executions/" + withFailures.id() + "/action/retry", Map.of(), narrowKey).status());

        // while the task runs again (slowly), neither that run nor the earlier one can be retried
        assertEquals(200, put("/api/v2/tasks/" + failing, Map.of("bandwidth_limit", 1024), ADMIN).status());
        Files.write(blocked.source().resolve("c.txt"), new byte[1 << 20]);
        long running = start(failing);
        assertEquals(409, retry(running).status(), "still running");
        ApiResponse taskBusy = retry(withFailures.id());
        assertEquals(409, taskBusy.status(), taskBusy.raw());
        assertEquals(202, put("/api/v2/tasks/" + failing + "/action/stop", Map.of(), ADMIN).status());
        awaitEnd(running);

        // a task turned into something else is not retried as the old workflow
        assertEquals(200, put("/api/v2/tasks/" + failing, Map.of("workflow_action", "move"), ADMIN).status());
        assertEquals(409, retry(withFailures.id()).status());
        assertEquals(0, count("SELECT COUNT(*) FROM task_execution WHERE retry_of_execution_id = ?", withFailures.id()),
                "a refused retry leaves no execution behind");
    }

    @Test
    void aBatchRetriesEachIdOnItsOwn() throws Exception {
        Auth user = createUser("batcher", "user");
        Blocked mine = Blocked.create();
        ApiResponse myFailed = runToEnd(copyTask(user, "batch-mine", mine.source(), mine.destination(), Map.of()));
        Blocked admins = Blocked.create();
        ApiResponse adminsFailed = runToEnd(copyTask(ADMIN, "batch-admin", admins.source(), admins.destination(), Map.of()));
        mine.unblock();

        ApiResponse batch = post("/api/v2/task_executions/-/retry", Map.of("ids", List.of(myFailed.id(), "999999", adminsFailed.id())), user);

        assertEquals(200, batch.status(), batch.raw());
        Map<?, ?> jobs = (Map<?, ?>) batch.get("job_ids");
        Map<?, ?> errors = (Map<?, ?>) batch.get("errors");
        assertEquals(List.of(String.valueOf(myFailed.id())), List.copyOf(jobs.keySet()), batch.raw());
        assertEquals(List.of("999999", String.valueOf(adminsFailed.id())), List.copyOf(errors.keySet()), batch.raw());
        assertTrue(((String) errors.get(String.valueOf(adminsFailed.id()))).contains("not found"), "another user's run is unknown to them");
        long retryId = count("SELECT id FROM task_execution WHERE retry_of_execution_id = ?", myFailed.id());
        assertEquals("done", awaitEnd(retryId).get("status"));

        // by status: the user's runs that ended so and are still their task's latest (the one retried is not)
        Blocked later = Blocked.create();
        ApiResponse laterFailed = runToEnd(copyTask(user, "batch-later", later.source(), later.destination(), Map.of()));
        ApiResponse byStatus = post("/api/v2/task_executions/-/retry", Map.of("status", "finished_with_warnings"), user);
        assertEquals(200, byStatus.status(), byStatus.raw());
        assertEquals(List.of(String.valueOf(laterFailed.id())), List.copyOf(((Map<?, ?>) byStatus.get("job_ids")).keySet()), byStatus.raw());
        awaitEnd(count("SELECT id FROM task_execution WHERE retry_of_execution_id = ?", laterFailed.id()));

        assertEquals(422, post("/api/v2/task_executions/-/retry", Map.of(), user).status());
        assertEquals(422, post("/api/v2/task_executions/-/retry", Map.of("ids", List.of()), user).status());
        assertEquals(422, post("/api/v2/task_executions/-/retry", Map.of("status", "in_progress"), user).status());
        assertEquals(422, post("/api/v2/task_executions/-/retry", Map.of("status", "error", "ids", List.of(1)), user).status());
        assertEquals(422, post("/api/v2/task_executions/-/retry", Map.of("id", List.of(1)), user).status());
        assertEquals(403, post("/api/v2/task_executions/-/retry", Map.of("status", "error", "all", true), user).status());
    }
}
