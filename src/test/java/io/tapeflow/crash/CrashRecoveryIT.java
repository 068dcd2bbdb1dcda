package io.tapeflow.crash;

import com.fasterxml.jackson.databind.JsonNode;
import io.tapeflow.support.JarNode;
import io.tapeflow.support.NodeApi;
import io.tapeflow.support.ItRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A copy run survives the hard death of its node: the packaged jar runs as a separate OS process on an
 * H2 file database in a temp data dir, is SIGKILLed in the middle of a bandwidth-limited copy, and is
 * started again on the same data dir and port. JobRunr then finds the dead node's orphaned job, retries
 * it, and the retry continues from the checkpoint. The run must end {@code done} with every file copied
 * exactly once to the destination (conflict resolution {@code rename}, so a second copy of a file would
 * show as {@code name (1).ext}), no temp file left, and exact counters.
 *
 * <p>Run by maven-failsafe-plugin after {@code package}; the jar's path comes in as {@code tapeflow.jar}.
 * Each node's output goes to {@code target/it/crash-recovery/<run>/node-N.log}.
 */
class CrashRecoveryIT {

    private static final String PASSWORD = "crash-admin-1";
    private static final int FILES = 60;
    private static final int FILE_SIZE = 1024 * 1024;
    private static final long TOTAL = (long) FILES * FILE_SIZE;
    /** 60 MiB at 4 MiB/s: about 15 s of copying, killed about a quarter of the way in. */
    private static final long BANDWIDTH = 4L * 1024 * 1024;
    private static final int KILL_AFTER_FILES = 15;

    private static final Duration PROGRESS_PATIENCE = Duration.ofSeconds(60);
    /** JobRunr's server timeout (4 x the 5 s poll interval), then its retry with back-off, then the rest of the copy. */
    private static final Duration RECOVERY_PATIENCE = Duration.ofMinutes(3);
    private static final Set<String> FINAL = Set.of("done", "finished_with_warnings", "error", "stopped_by_user", "stopped_by_system");

    private ItRun run;
    private Path dataDir;
    private Path sourceDir;
    private Path destinationDir;
    private int port;
    private NodeApi api;

    @AfterEach
    void stopNodes() {
        if (run != null) {
            run.killNodes();
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aCopyKilledMidRunFinishesExactlyOnceAfterARestart() throws Throwable {
        run = ItRun.of("crash-recovery");
        dataDir = run.tempDir("tf-crash-data");
        sourceDir = run.tempDir("tf-crash-src");
        destinationDir = run.tempDir("tf-crash-dst");
        port = JarNode.freePort();
        api = new NodeApi(port, PASSWORD);
        mark("run dir " + run.dir() + ", data " + dataDir + ", source " + sourceDir + ", destination " + destinationDir + ", port " + port);
        run.carryOut(this::crashAndRecover);
    }

    private void crashAndRecover() throws Exception {
        Map<String, byte[]> sources = writeSources();
        mark("wrote " + FILES + " source files, " + TOTAL + " bytes");

        JarNode first = startNode(1);
        long task = createTask();
        String jobId = NodeApi.expectJson(api.put("/api/v2/tasks/" + task + "/action/run", "{}"), 202).get("job_id").asText();
        mark("run requested: task " + task + ", job " + jobId);
        JsonNode job = await("the run's execution id", PROGRESS_PATIENCE,
                () -> NodeApi.expectJson(api.get("/api/v2/tasks/" + task + "/action/run?job_id=" + jobId), 200),
                j -> j.hasNonNull("task_execution_id"));
        long execution = job.get("task_execution_id").asLong();
        mark("execution " + execution);

        ExecutionWatcher watcher = new ExecutionWatcher(execution);
        JsonNode beforeKill = await(KILL_AFTER_FILES + " files processed", PROGRESS_PATIENCE, watcher::poll, e -> {
            if (FINAL.contains(e.get("status").asText())) {
                fail("the run ended before it could be killed (lower bandwidth_limit): " + e);
            }
            return "in_progress".equals(e.get("status").asText()) && e.get("processed_files").asLong() >= KILL_AFTER_FILES;
        });
        mark("about to kill node 1: " + summary(beforeKill));

        int exit = first.kill();
        mark("node 1 killed with SIGKILL, exit value " + exit);
        assertEquals(128 + 9, exit, "node 1 died of SIGKILL");
        mark("destination at the kill: " + listing(destinationDir));

        startNode(2);
        JsonNode afterRestart = watcher.poll();
        mark("right after the restart: " + summary(afterRestart));
        JsonNode end = await("the end of the run after the restart", RECOVERY_PATIENCE, watcher::pollQuietly,
                e -> e != null && FINAL.contains(e.get("status").asText()));
        mark("run ended: " + end);
        String log = NodeApi.body(api.get("/api/v2/task_executions/" + execution + "/log"), 200);
        Files.writeString(run.dir().resolve("execution-" + execution + ".log"), log);
        List<String> destination = listing(destinationDir);
        mark("destination at the end (" + destination.size() + " entries): " + destination);
        reportCopies(log, sources.keySet());

        verify(end, sources, destination);
    }

    private void verify(JsonNode end, Map<String, byte[]> sources, List<String> destination) {
        Set<String> expected = new TreeSet<>(sources.keySet());
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertEquals("done", end.get("status").asText(), "final status; execution: " + end));
        checks.add(() -> assertEquals(FILES, end.get("processed_files").asLong(), "processed_files"));
        checks.add(() -> assertEquals(TOTAL, end.get("processed_size").asLong(), "processed_size"));
        checks.add(() -> assertEquals(0, end.get("failed_files").asLong(), "failed_files"));
        checks.add(() -> assertEquals(0, end.get("skipped_files").asLong(), "skipped_files"));
        checks.add(() -> assertEquals(List.of(), destination.stream().filter(n -> n.matches(".* \\(\\d+\\)(\\..*)?")).toList(),
                "no duplicate copies named 'name (n).ext'"));
        checks.add(() -> assertEquals(List.of(), destination.stream()
                .filter(n -> n.startsWith(".") || n.contains(".tapeflow-") || n.endsWith(".part")).toList(),
                "no leftover hidden temp files"));
        checks.add(() -> {
            Set<String> missing = new TreeSet<>(expected);
            destination.forEach(missing::remove);
            Set<String> unexpected = new TreeSet<>(destination);
            unexpected.removeAll(expected);
            assertTrue(missing.isEmpty() && unexpected.isEmpty(), () -> "exactly the source's " + FILES
                    + " file names at the destination; " + destination.size() + " entries there, missing " + missing
                    + ", unexpected " + unexpected);
        });
        checks.add(() -> {
            List<String> different = new ArrayList<>();
            for (Map.Entry<String, byte[]> source : sources.entrySet()) {
                Path copy = destinationDir.resolve(source.getKey());
                if (!Files.isRegularFile(copy)) {
                    different.add(source.getKey() + " (missing)");
                } else if (!Arrays.equals(source.getValue(), Files.readAllBytes(copy))) {
                    different.add(source.getKey() + " (" + Files.size(copy) + " bytes, content differs)");
                }
            }
            assertEquals(List.of(), different, "every destination file byte-identical to its source");
        });
        assertAll("crash recovery of execution " + end.get("id"), checks);
    }

    /** Informational: how often the log says each file was copied; a file in flight at the kill may legitimately be copied twice. */
    private void reportCopies(String log, Set<String> names) {
        Map<String, Integer> copied = new TreeMap<>();
        Map<String, Integer> alreadyCopied = new TreeMap<>();
        for (String name : names) {
            copied.put(name, (int) log.lines().filter(l -> l.contains(name + " copied to ")).count());
            alreadyCopied.put(name, (int) log.lines().filter(l -> l.contains(name + " already copied to ")).count());
        }
        mark("log: files never mentioned as copied: " + copied.entrySet().stream()
                .filter(e -> e.getValue() == 0 && alreadyCopied.get(e.getKey()) == 0).map(Map.Entry::getKey).toList());
        mark("log: files copied more than once: " + copied.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(e -> e.getKey() + " x" + e.getValue()).toList());
        mark("log: files reported 'already copied before the interruption': " + alreadyCopied.entrySet().stream()
                .filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList());
        mark("log: lines not about a single copy: \n    " + log.lines()
                .filter(l -> !l.contains(" copied to ")).collect(Collectors.joining("\n    ")));
    }

    // ---- set-up ---------------------------------------------------------------------------------------------

    private Map<String, byte[]> writeSources() throws IOException {
        Map<String, byte[]> sources = new LinkedHashMap<>();
        Random random = new Random(20240611L);
        for (int i = 0; i < FILES; i++) {
            byte[] content = new byte[FILE_SIZE];
            random.nextBytes(content);
            String name = String.format("file-%03d.bin", i);
            Files.write(sourceDir.resolve(name), content);
            sources.put(name, content);
        }
        return sources;
    }

    private long createTask() throws Exception {
        long source = NodeApi.expectJson(api.post("/api/v2/containers", NodeApi.object("name", "crash-src", "path", sourceDir.toString())), 201)
                .get("id").asLong();
        long destination = NodeApi.expectJson(api.post("/api/v2/containers", NodeApi.object("name", "crash-dst", "path", destinationDir.toString())), 201)
                .get("id").asLong();
        long task = NodeApi.expectJson(api.post("/api/v2/tasks", NodeApi.object("name", "crash-recovery", "workflow_type", "active_archive",
                "workflow_action", "copy", "source_type", "container", "destination_type", "container",
                "conflict_resolution", "rename", "bandwidth_limit", BANDWIDTH)), 201).get("id").asLong();
        NodeApi.expectJson(api.post("/api/v2/tasks/" + task + "/task_sources", NodeApi.object("container_id", source, "file_path", "/")), 201);
        NodeApi.expectJson(api.post("/api/v2/tasks/" + task + "/task_destinations", NodeApi.object("container_id", destination, "folder_path", "/")), 201);
        mark("containers " + source + " -> " + destination + ", task " + task + " (copy, rename, " + BANDWIDTH + " B/s)");
        return task;
    }

    /** A node on the embedded H2 default in the data dir, whatever the environment of the build says. */
    private JarNode startNode(int number) throws Exception {
        return run.startNode("node-" + number, port, PASSWORD, Map.of("TAPEFLOW_DATA_DIR", dataDir.toString()));
    }

    // ---- watching -------------------------------------------------------------------------------------------

    /** Polls an execution and writes every change of status, status text or processed files to the timeline. */
    private final class ExecutionWatcher {
        private final long id;
        private String last = "";

        ExecutionWatcher(long id) {
            this.id = id;
        }

        JsonNode poll() throws Exception {
            JsonNode execution = NodeApi.expectJson(api.get("/api/v2/task_executions/" + id), 200);
            String now = summary(execution);
            if (!now.equals(last)) {
                mark("execution " + id + ": " + now);
                last = now;
            }
            return execution;
        }

        /** As {@link #poll()}, but a refused connection or a failing answer is noted and polled again. */
        JsonNode pollQuietly() throws Exception {
            try {
                return poll();
            } catch (IOException | AssertionError e) {
                String now = "poll failed: " + e;
                if (!now.equals(last)) {
                    mark("execution " + id + ": " + now);
                    last = now;
                }
                return null;
            }
        }
    }

    private static String summary(JsonNode e) {
        return "status=" + e.get("status").asText() + " processed_files=" + e.get("processed_files").asLong()
                + " processed_size=" + e.get("processed_size").asLong() + " skipped=" + e.get("skipped_files").asLong()
                + " failed=" + e.get("failed_files").asLong() + " job_id=" + e.get("job_id").asText()
                + " status_text=\"" + e.get("status_text").asText() + "\"";
    }

    private <T> T await(String what, Duration patience, ItRun.Poll<T> poll, Predicate<T> done) throws Exception {
        return run.await(what, patience, poll, done);
    }

    private void mark(String event) {
        run.mark(event);
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> entries = Files.walk(dir)) {
            return entries.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString() + (Files.isDirectory(p) ? "/" : ""))
                    .sorted().toList();
        }
    }
}
