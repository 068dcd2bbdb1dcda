package io.tapeflow.action;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs of copy and move tasks between containers, through the action API and JobRunr. */
@MicronautTest(transactional = false)
class TaskRunApiTest extends ApiTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private Path tree() throws IOException {
        Path root = Files.createTempDirectory("tf-src");
        Path photos = Files.createDirectories(root.resolve("photos/2024 été"));
        Files.writeString(photos.resolve("plage à midi.txt"), "sun and sea");
        byte[] block = randomBytes(1024 * 1024, 1);
        try (var out = Files.newOutputStream(root.resolve("photos/big.bin"))) {
            for (int i = 0; i < 200; i++) {
                block[0] = (byte) i;
                out.write(block);
            }
        }
        Files.createFile(root.resolve("photos/empty.txt"));
        Files.createDirectories(root.resolve("photos/empty dir"));
        Files.setLastModifiedTime(root.resolve("photos/big.bin"), FileTime.from(Instant.parse("2021-03-04T05:06:07Z")));
        return root;
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private long container(String name, Path path) {
        ApiResponse created = post("/api/v2/containers", Map.of("name", name, "path", path.toString()), ADMIN);
        assertEquals(201, created.status(), created.raw());
        return created.id();
    }

    /** A task copying (or moving) {@code sourcePath} of container src into container dst. */
    private long task(String name, String action, Path source, String sourcePath, Path destination, Map<String, Object> extra) {
        Map<String, Object> fields = new java.util.HashMap<>(Map.of("name", name, "workflow_action", action));
        fields.putAll(extra);
        long task = createTask(ADMIN, fields).id();
        long src = container(name + "-src", source);
        long dst = container(name + "-dst", destination);
        assertEquals(201, post("/api/v2/tasks/" + task + "/task_sources", Map.of("container_id", src, "file_path", sourcePath), ADMIN).status());
        assertEquals(201, post("/api/v2/tasks/" + task + "/task_destinations", Map.of("container_id", dst, "folder_path", "/"), ADMIN).status());
        return task;
    }

    private String act(long task, String action) {
        ApiResponse response = put("/api/v2/tasks/" + task + "/action/" + action, Map.of(), ADMIN);
        assertEquals(202, response.status(), response.raw());
        assertEquals("queued", response.get("status"));
        return (String) response.get("job_id");
    }

    private ApiResponse job(long task, String action, String jobId) {
        return get("/api/v2/tasks/" + task + "/action/" + action + "?job_id=" + jobId, ADMIN);
    }

    private ApiResponse await(String what, java.util.function.Supplier<ApiResponse> poll, Predicate<ApiResponse> done) throws InterruptedException {
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

    private ApiResponse runToEnd(long task) throws InterruptedException {
        String jobId = act(task, "run");
        ApiResponse finished = await("run of task " + task, () -> job(task, "run", jobId),
                r -> "completed".equals(r.get("status")) || "failed".equals(r.get("status")));
        return get("/api/v2/task_executions/" + ((Number) finished.get("task_execution_id")).longValue(), ADMIN);
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    /** A copy of one file throttled to 1 MiB/s, already running: long enough to act on mid-file. */
    private record SlowRun(long task, String job, Path source, Path destination) {
    }

    private SlowRun slowCopy(String name, int mebibytes) throws Exception {
        Path source = Files.createTempDirectory("tf-src");
        Files.write(source.resolve("slow.bin"), randomBytes(mebibytes * 1024 * 1024, mebibytes));
        Path destination = Files.createTempDirectory("tf-dst");
        long task = task(name, "copy", source, "/", destination, Map.of("bandwidth_limit", 1024 * 1024));
        String run = act(task, "run");
        await("start of " + name, () -> job(task, "run", run), r -> ((Number) r.get("progress")).longValue() > 0);
        return new SlowRun(task, run, source, destination);
    }

    @Test
    void aCopyReproducesTheTreeByteForByteAndReportsItsCounters() throws Exception {
        Path source = tree();
        Path destination = Files.createTempDirectory("tf-dst");
        long task = task("copy-tree", "copy", source, "/photos", destination, Map.of());

        ApiResponse execution = runToEnd(task);

        assertEquals("done", execution.get("status"), execution.raw());
        assertEquals(3, ((Number) execution.get("to_process_files")).intValue());
        assertEquals(3, ((Number) execution.get("processed_files")).intValue());
        assertEquals(100, execution.get("progress"));
        Path copy = destination.resolve("photos");
        assertEquals(files(source.resolve("photos")), files(copy));
        assertEquals(200L * 1024 * 1024, Files.size(copy.resolve("big.bin")));
        assertEquals(-1L, Files.mismatch(source.resolve("photos/big.bin"), copy.resolve("big.bin")));
        assertEquals("sun and sea", Files.readString(copy.resolve("2024 été/plage à midi.txt")));
        assertTrue(Files.isDirectory(copy.resolve("empty dir")), "empty directories are recreated");
        assertEquals(Instant.parse("2021-03-04T05:06:07Z"), Files.getLastModifiedTime(copy.resolve("big.bin")).toInstant());
        assertEquals("done", get("/api/v2/tasks/" + task, ADMIN).get("status"));
        assertEquals("run", get("/api/v2/tasks/" + task, ADMIN).get("action"));
        String log = get("/api/v2/task_executions/" + execution.id() + "/log", ADMIN).raw();
        assertTrue(log.contains("big.bin copied to") && log.contains("xxhash64"), log);
    }

    @Test
    void eachConflictResolutionBehavesOnASecondRun() throws Exception {
        for (String policy : List.of("rename", "overwrite", "ignore")) {
            Path source = Files.createTempDirectory("tf-src");
            Files.writeString(source.resolve("report.tar.gz"), "v1");
            Path destination = Files.createTempDirectory("tf-dst");
            long task = task("conflict-" + policy, "copy", source, "/", destination, Map.of("conflict_resolution", policy));
            assertEquals("done", runToEnd(task).get("status"));
            Files.writeString(source.resolve("report.tar.gz"), "v2");

            ApiResponse second = runToEnd(task);

            switch (policy) {
                case "rename" -> {
                    assertEquals("v1", Files.readString(destination.resolve("report.tar.gz")));
                    assertEquals("v2", Files.readString(destination.resolve("report (1).tar.gz")));
                }
                case "overwrite" -> {
                    assertEquals("v2", Files.readString(destination.resolve("report.tar.gz")));
                    assertEquals(1, files(destination).size());
                }
                default -> {
                    assertEquals("v1", Files.readString(destination.resolve("report.tar.gz")));
                    assertEquals(1, ((Number) second.get("skipped_files")).intValue(), second.raw());
                }
            }
        }
    }

    @Test
    void aMoveRemovesSourcesOnlyAfterTheirCopies() throws Exception {
        Path source = tree();
        Path destination = Files.createTempDirectory("tf-dst");
        List<Path> before = files(source.resolve("photos"));
        long task = task("move-tree", "move", source, "/photos", destination, Map.of());

        assertEquals("done", runToEnd(task).get("status"));

        assertEquals(before, files(destination.resolve("photos")));
        assertEquals(List.of(), files(source));
    }

    @Test
    void pauseLandsMidFileAndResumeFinishesWithoutStartingOver() throws Exception {
        Path source = Files.createTempDirectory("tf-src");
        for (int i = 0; i < 4; i++) {
            Files.write(source.resolve("part-" + i + ".bin"), randomBytes(4 * 1024 * 1024, i));
        }
        Path destination = Files.createTempDirectory("tf-dst");
        long task = task("pause-resume", "copy", source, "/", destination, Map.of("bandwidth_limit", 2 * 1024 * 1024, "options", Map.of("parallel_processing", 1)));
        String run = act(task, "run");
        await("progress", () -> job(task, "run", run), r -> ((Number) r.get("progress")).longValue() > 5 * 1024 * 1024);

        act(task, "pause");
        Instant asked = Instant.now();
        ApiResponse paused = await("paused", () -> get("/api/v2/tasks/" + task, ADMIN), r -> "paused".equals(r.get("status")));
        assertTrue(Duration.between(asked, Instant.now()).toMillis() < 2500, "pause acknowledged within ~2 s");
        long processedAtPause = ((Number) paused.get("processed_size")).longValue();
        assertTrue(files(destination).stream().noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temp file left");
        assertEquals(409, put("/api/v2/tasks/" + task + "/action/run", Map.of(), ADMIN).status());

        String resume = act(task, "resume");
        ApiResponse end = await("resumed run", () -> job(task, "resume", resume), r -> "completed".equals(r.get("status")));

        assertEquals(16L * 1024 * 1024, ((Number) end.get("progress")).longValue());
        assertTrue(processedAtPause >= 4L * 1024 * 1024, "the files done before the pause stay done: " + processedAtPause);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(randomBytes(4 * 1024 * 1024, i), Files.readAllBytes(destination.resolve("part-" + i + ".bin")));
        }
        String log = get("/api/v2/task_executions/" + ((Number) end.get("task_execution_id")).longValue() + "/log", ADMIN).raw();
        assertEquals(4, log.lines().filter(l -> l.contains(" copied to ")).count(), "each file copied once: " + log);
    }

    @Test
    void stopEndsTheRunAndLeavesNoTempFile() throws Exception {
        SlowRun slow = slowCopy("stop", 8);
        long task = slow.task();
        String run = slow.job();
        Path destination = slow.destination();

        String stop = act(task, "stop");

        await("stop acknowledged", () -> job(task, "stop", stop), r -> "completed".equals(r.get("status")));
        assertEquals("stopped_by_user", get("/api/v2/tasks/" + task, ADMIN).get("status"));
        assertEquals("failed", job(task, "run", run).get("status"));
        try (Stream<Path> left = Files.list(destination)) {
            assertEquals(List.of(), left.toList(), "nothing half-written remains");
        }
    }

    @Test
    void manySmallFilesAreCopiedInParallelWithTheChosenChecksum() throws Exception {
        Path source = Files.createTempDirectory("tf-src");
        for (int i = 0; i < 300; i++) {
            Path dir = Files.createDirectories(source.resolve("d" + (i % 7)));
            Files.write(dir.resolve("f" + i + ".dat"), randomBytes(1000 + i * 13, i));
        }
        Path destination = Files.createTempDirectory("tf-dst");
        long task = task("small-files", "copy", source, "/", destination,
                Map.of("options", Map.of("parallel_processing", 4, "file_checksum", "sha256")));

        ApiResponse execution = runToEnd(task);

        assertEquals("done", execution.get("status"), execution.raw());
        assertEquals(300, ((Number) execution.get("processed_files")).intValue());
        assertEquals(files(source), files(destination));
        for (Path file : files(source)) {
            assertEquals(-1L, Files.mismatch(source.resolve(file), destination.resolve(file)), file.toString());
        }
        String log = get("/api/v2/task_executions/" + execution.id() + "/log", ADMIN).raw();
        assertEquals(300, log.lines().filter(l -> l.contains(" copied to ") && l.contains("sha256")).count());
    }

    @Test
    void aSourceFileThatCannotBeReadIsLoggedAndTheOthersAreCopied() throws Exception {
        Path source = Files.createTempDirectory("tf-src");
        Files.write(source.resolve("a-slow.bin"), randomBytes(3 * 1024 * 1024, 1));
        Files.writeString(source.resolve("b.txt"), "b");
        Files.writeString(source.resolve("c-vanishes.txt"), "c");
        Path destination = Files.createTempDirectory("tf-dst");
        long task = task("vanishing", "copy", source, "/", destination,
                Map.of("bandwidth_limit", 1024 * 1024, "options", Map.of("parallel_processing", 1)));
        String run = act(task, "run");
        await("progress", () -> job(task, "run", run), r -> ((Number) r.get("progress")).longValue() > 0);

        // Running as root, permissions cannot make a file unreadable; a file gone after planning can't be read either.
        Files.delete(source.resolve("c-vanishes.txt"));
        ApiResponse end = await("end", () -> job(task, "run", run), r -> !"working".equals(r.get("status")) && !"queued".equals(r.get("status")));

        ApiResponse execution = get("/api/v2/task_executions/" + ((Number) end.get("task_execution_id")).longValue(), ADMIN);
        assertEquals("finished_with_warnings", execution.get("status"), execution.raw());
        assertEquals(1, ((Number) execution.get("failed_files")).intValue());
        assertEquals(2, ((Number) execution.get("processed_files")).intValue());
        assertEquals("b", Files.readString(destination.resolve("b.txt")));
        String log = get("/api/v2/task_executions/" + execution.id() + "/log", ADMIN).raw();
        assertTrue(log.lines().anyMatch(l -> l.contains("c-vanishes.txt") && l.contains("ERROR") && l.contains("vanished")), log);
    }

    @Test
    void progressIsStreamedAsServerSentEventsUntilTheEnd() throws Exception {
        SlowRun slow = slowCopy("events", 4);
        long execution = ((Number) job(slow.task(), "run", slow.job()).get("task_execution_id")).longValue();

        String stream = get("/api/v2/task_executions/" + execution + "/events", ADMIN).raw();

        List<String> events = stream.lines().filter(l -> l.startsWith("event:")).toList();
        assertTrue(events.size() >= 3, stream);
        assertEquals("end", events.get(events.size() - 1).substring("event:".length()).trim());
        List<Long> processed = stream.lines().filter(l -> l.startsWith("data:"))
                .map(l -> Long.parseLong(l.replaceAll(".*\"processed_size\":(\\d+).*", "$1"))).toList();
        assertTrue(processed.get(0) < processed.get(processed.size() - 1), "progress grows: " + processed);
        assertEquals(4L * 1024 * 1024, processed.get(processed.size() - 1));
    }

    @Test
    void eraseRunsOnlyWhenConfirmedAndDeletesTheSourceTree() throws Exception {
        Path root = tree();
        long task = createTask(ADMIN, Map.of("name", "erase", "workflow_action", "erase")).id();
        long container = container("erase-root", root);
        post("/api/v2/tasks/" + task + "/task_sources", Map.of("container_id", container, "file_path", "/photos"), ADMIN);

        ApiResponse refused = put("/api/v2/tasks/" + task + "/action/run", Map.of(), ADMIN);
        assertEquals(409, refused.status());
        assertTrue(refused.messages().get(0).contains("confirm_erase"), refused.raw());
        assertTrue(Files.exists(root.resolve("photos/big.bin")));

        put("/api/v2/tasks/" + task, Map.of("confirm_erase", true), ADMIN);
        ApiResponse execution = runToEnd(task);

        assertEquals("done", execution.get("status"), execution.raw());
        assertEquals(3, ((Number) execution.get("processed_files")).intValue());
        assertFalse(Files.exists(root.resolve("photos")), "the erased folder and its emptied directories are gone");
        assertTrue(Files.isDirectory(root), "the container itself stays");
    }

    @Test
    void aScanCountsTheSourceAndRecordsTheContainersStatistics() throws Exception {
        Path root = tree();
        long task = createTask(ADMIN, Map.of("name", "scan", "workflow_action", "scan")).id();
        long container = container("scan-root", root);
        post("/api/v2/tasks/" + task + "/task_sources", Map.of("container_id", container, "file_path", "/"), ADMIN);

        ApiResponse execution = runToEnd(task);

        long expected = 200L * 1024 * 1024 + "sun and sea".length();
        assertEquals("done", execution.get("status"), execution.raw());
        assertEquals(3, ((Number) execution.get("to_process_files")).intValue());
        assertEquals(expected, ((Number) execution.get("processed_size")).longValue());
        ApiResponse stats = get("/api/v2/containers/" + container, ADMIN);
        assertEquals(3, ((Number) stats.get("stat_total_files")).intValue());
        assertEquals(expected, ((Number) stats.get("stat_total_size")).longValue());
        assertTrue(stats.get("last_update") != null);
        assertTrue(Files.exists(root.resolve("photos/big.bin")), "a scan changes nothing");
    }

    @Test
    void aTaskCannotBeChangedWhileItsRunIsUnfinished() throws Exception {
        SlowRun slow = slowCopy("frozen", 4);
        long task = slow.task();
        act(task, "pause");
        await("paused", () -> get("/api/v2/tasks/" + task, ADMIN), r -> "paused".equals(r.get("status")));

        assertEquals(409, put("/api/v2/tasks/" + task, Map.of("workflow_action", "erase", "confirm_erase", true), ADMIN).status());
        assertEquals(409, post("/api/v2/tasks/" + task + "/task_options", Map.of("type", "file_checksum", "value", "md5"), ADMIN).status());
        assertEquals(409, delete("/api/v2/tasks/" + task, ADMIN).status());
        assertEquals(202, put("/api/v2/tasks/" + task + "/action/resume", Map.of(), ADMIN).status());
        await("end", () -> get("/api/v2/tasks/" + task, ADMIN), r -> "done".equals(r.get("status")));

        assertEquals("copy", get("/api/v2/tasks/" + task, ADMIN).get("workflow_action"));
        assertTrue(Files.exists(slow.source().resolve("slow.bin")), "the source was never erased");
        assertEquals(200, put("/api/v2/tasks/" + task, Map.of("comment", "now it may change"), ADMIN).status());
    }

    @Test
    void aDestinationInsideItsSourceIsRefusedAtRunTime() throws Exception {
        Path root = tree();
        long task = createTask(ADMIN, Map.of("name", "loop")).id();
        long container = container("loop-root", root);
        post("/api/v2/tasks/" + task + "/task_sources", Map.of("container_id", container, "file_path", "/photos"), ADMIN);
        post("/api/v2/tasks/" + task + "/task_destinations", Map.of("container_id", container, "folder_path", "/photos/backup"), ADMIN);

        ApiResponse execution = runToEnd(task);

        assertEquals("error", execution.get("status"));
        assertTrue(((String) execution.get("status_text")).contains("inside source"), execution.raw());
        assertFalse(Files.exists(root.resolve("photos/backup")));
    }

    @Test
    void aSourceThatIsGoneEndsTheRunInErrorWithTheReason() throws Exception {
        Path root = tree();
        Path destination = Files.createTempDirectory("tf-dst");
        long task = task("gone", "copy", root, "/photos", destination, Map.of());
        try (Stream<Path> walk = Files.walk(root.resolve("photos"))) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        ApiResponse execution = runToEnd(task);

        assertEquals("error", execution.get("status"), execution.raw());
        assertTrue(get("/api/v2/task_executions/" + execution.id() + "/log", ADMIN).raw().contains("source does not exist"));
    }

    @Test
    void impossibleTransitionsAreConflicts() throws Exception {
        Path source = Files.createTempDirectory("tf-src");
        Path destination = Files.createTempDirectory("tf-dst");
        long task = task("transitions", "copy", source, "/", destination, Map.of());

        assertEquals(409, put("/api/v2/tasks/" + task + "/action/resume", Map.of(), ADMIN).status());
        assertEquals(409, put("/api/v2/tasks/" + task + "/action/pause", Map.of(), ADMIN).status());
        assertEquals(409, put("/api/v2/tasks/" + task + "/action/stop", Map.of(), ADMIN).status());
        assertEquals(404, put("/api/v2/tasks/" + task + "/action/explode", Map.of(), ADMIN).status());
        assertEquals(404, job(task, "run", "00000000-0000-0000-0000-000000000000").status());

        put("/api/v2/tasks/" + task, Map.of("activate", false), ADMIN);
        assertEquals(409, put("/api/v2/tasks/" + task + "/action/run", Map.of(), ADMIN).status());

        long bare = createTask(ADMIN, Map.of("name", "no-endpoints")).id();
        assertEquals(409, put("/api/v2/tasks/" + bare + "/action/run", Map.of(), ADMIN).status());
    }

    @Test
    void aLinkPlantedInTheDestinationNeverLeadsAWriteOutside() throws Exception {
        Path source = tree();
        Path destination = Files.createTempDirectory("tf-dst");
        Path outside = Files.createTempDirectory("tf-outside");
        Files.createSymbolicLink(destination.resolve("photos"), outside);
        long task = task("planted-link", "copy", source, "/photos", destination, Map.of());

        ApiResponse execution = runToEnd(task);

        assertEquals("error", execution.get("status"), execution.raw());
        // three files and the empty directory could not be placed
        assertEquals(4, ((Number) execution.get("failed_files")).intValue());
        try (Stream<Path> written = Files.list(outside)) {
            assertEquals(List.of(), written.toList());
        }
    }

    @Test
    void pathsLeavingAContainerAreRefusedForSourcesAndDestinations() throws Exception {
        Path root = Files.createTempDirectory("tf-root");
        Path outside = Files.createTempDirectory("tf-outside");
        Files.createSymbolicLink(root.resolve("escape"), outside);
        long task = createTask(ADMIN, Map.of("name", "escapes")).id();
        long container = container("escapes", root);

        for (String path : List.of("../etc", "/a/../../etc", "/escape", "/escape/sub")) {
            assertEquals(422, post("/api/v2/tasks/" + task + "/task_sources", Map.of("container_id", container, "file_path", path), ADMIN).status(), path);
            assertEquals(422, post("/api/v2/tasks/" + task + "/task_destinations", Map.of("container_id", container, "folder_path", path), ADMIN).status(), path);
        }
        assertFalse(get("/api/v2/tasks/" + task + "/task_sources", ADMIN).raw().contains("etc"));
    }
}
