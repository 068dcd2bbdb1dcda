package io.tapeflow.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A copy run survives the hard death of its node: the packaged jar runs as a separate OS process on an
 * H2 file database in a temp data dir, is SIGKILLed in the middle of a bandwidth-limited copy, and is
 * started again on the same data dir and port. JobRunr then finds the dead node's orphaned job, retries
 * it, and the retry continues from the checkpoint. The run must end {@code done} with every file copied
 * exactly once to the destination (conflict resolution {@code rename}, so a second copy of a file would
 * show as {@code name (1).ext}), no temp file left, and exact counters.
 *
 * <p>Run by maven-failsafe-plugin after {@code package}; the jar's path comes in as {@code tapeflow.jar}.
 * Each node's output goes to {@code target/crash-recovery-it/<run>/node-N.log}.
 */
class CrashRecoveryIT {

    private static final String PASSWORD = "crash-admin-1";
    private static final int FILES = 60;
    private static final int FILE_SIZE = 1024 * 1024;
    private static final long TOTAL = (long) FILES * FILE_SIZE;
    /** 60 MiB at 4 MiB/s: about 15 s of copying, killed about a quarter of the way in. */
    private static final long BANDWIDTH = 4L * 1024 * 1024;
    private static final int KILL_AFTER_FILES = 15;

    private static final Duration HEALTH_PATIENCE = Duration.ofSeconds(60);
    private static final Duration PROGRESS_PATIENCE = Duration.ofSeconds(60);
    /** JobRunr's server timeout (4 x the 5 s poll interval), then its retry with back-off, then the rest of the copy. */
    private static final Duration RECOVERY_PATIENCE = Duration.ofMinutes(3);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Set<String> FINAL = Set.of("done", "finished_with_warnings", "error", "stopped_by_user", "stopped_by_system");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    private final List<Node> nodes = new ArrayList<>();
    private final List<String> timeline = new ArrayList<>();
    private final Instant start = Instant.now();

    private Path runDir;
    private Path dataDir;
    private Path sourceDir;
    private Path destinationDir;
    private int port;

    @AfterEach
    void stopNodes() {
        for (Node node : nodes) {
            node.kill();
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aCopyKilledMidRunFinishesExactlyOnceAfterARestart() throws Throwable {
        String jarProperty = System.getProperty("tapeflow.jar");
        // Set by the failsafe configuration in pom.xml; absent when surefire is made to pick this class up (-Dtest=...).
        assumeTrue(jarProperty != null, "CrashRecoveryIT runs under maven-failsafe-plugin (./mvnw verify), which passes tapeflow.jar");
        Path jar = Paths.get(jarProperty);
        assertTrue(Files.isRegularFile(jar), "the packaged jar exists (run through `./mvnw verify`): " + jar);
        Path itDir = Paths.get(System.getProperty("tapeflow.it.dir", jar.getParent().resolve("crash-recovery-it").toString()));
        runDir = Files.createDirectories(itDir.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"))));
        dataDir = Files.createTempDirectory("tf-crash-data");
        sourceDir = Files.createTempDirectory("tf-crash-src");
        destinationDir = Files.createTempDirectory("tf-crash-dst");
        port = freePort();
        mark("run dir " + runDir + ", data " + dataDir + ", source " + sourceDir + ", destination " + destinationDir + ", port " + port);
        try {
            crashAndRecover(jar);
            deleteTree(dataDir);
            deleteTree(sourceDir);
            deleteTree(destinationDir);
        } catch (Throwable failure) {
            mark("FAILED: " + failure);
            for (Node node : nodes) {
                System.out.println("===== " + node.log + " =====");
                System.out.println(Files.exists(node.log) ? Files.readString(node.log) : "(no log)");
            }
            System.out.println("temp dirs kept for inspection: data " + dataDir + ", source " + sourceDir + ", destination " + destinationDir);
            throw failure;
        } finally {
            Files.write(runDir.resolve("timeline.txt"), timeline);
            System.out.println("===== CrashRecoveryIT timeline =====");
            timeline.forEach(System.out::println);
        }
    }

    private void crashAndRecover(Path jar) throws Exception {
        Map<String, byte[]> sources = writeSources();
        mark("wrote " + FILES + " source files, " + TOTAL + " bytes");

        Node first = startNode(jar, 1);
        long task = createTask();
        String jobId = expectJson(put("/api/v2/tasks/" + task + "/action/run", "{}"), 202).get("job_id").asText();
        mark("run requested: task " + task + ", job " + jobId);
        JsonNode job = await("the run's execution id", PROGRESS_PATIENCE,
                () -> expectJson(get("/api/v2/tasks/" + task + "/action/run?job_id=" + jobId), 200),
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

        startNode(jar, 2);
        JsonNode afterRestart = watcher.poll();
        mark("right after the restart: " + summary(afterRestart));
        JsonNode end = await("the end of the run after the restart", RECOVERY_PATIENCE, watcher::pollQuietly,
                e -> e != null && FINAL.contains(e.get("status").asText()));
        mark("run ended: " + end);
        String log = body(get("/api/v2/task_executions/" + execution + "/log"), 200);
        Files.writeString(runDir.resolve("execution-" + execution + ".log"), log);
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
        long source = expectJson(post("/api/v2/containers", object("name", "crash-src", "path", sourceDir.toString())), 201).get("id").asLong();
        long destination = expectJson(post("/api/v2/containers", object("name", "crash-dst", "path", destinationDir.toString())), 201).get("id").asLong();
        long task = expectJson(post("/api/v2/tasks", object("name", "crash-recovery", "workflow_type", "active_archive",
                "workflow_action", "copy", "source_type", "container", "destination_type", "container",
                "conflict_resolution", "rename", "bandwidth_limit", BANDWIDTH)), 201).get("id").asLong();
        expectJson(post("/api/v2/tasks/" + task + "/task_sources", object("container_id", source, "file_path", "/")), 201);
        expectJson(post("/api/v2/tasks/" + task + "/task_destinations", object("container_id", destination, "folder_path", "/")), 201);
        mark("containers " + source + " -> " + destination + ", task " + task + " (copy, rename, " + BANDWIDTH + " B/s)");
        return task;
    }

    private Node startNode(Path jar, int number) throws Exception {
        Path log = runDir.resolve("node-" + number + ".log");
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx512m", "-Duser.timezone=UTC", "-jar", jar.toString())
                .directory(runDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> env = builder.environment();
        // The node runs on the embedded H2 default whatever the environment of the build says.
        env.keySet().removeIf(k -> k.startsWith("DATASOURCES_") || k.startsWith("TAPEFLOW_") || k.startsWith("MICRONAUT_")
                || k.equals("JAVA_TOOL_OPTIONS"));
        env.put("TAPEFLOW_DATA_DIR", dataDir.toString());
        env.put("TAPEFLOW_ADMIN_PASSWORD", PASSWORD);
        env.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        env.put("TAPEFLOW_JOBS_DASHBOARD", "false");
        Node node = new Node(builder.start(), log);
        nodes.add(node);
        // Should this test JVM itself be killed, its nodes do not outlive it.
        Runtime.getRuntime().addShutdownHook(new Thread(node.process::destroyForcibly));
        mark("node " + number + " started, pid " + node.process.pid() + ", log " + log);
        Instant deadline = Instant.now().plus(HEALTH_PATIENCE);
        while (true) {
            if (!node.process.isAlive()) {
                fail("node " + number + " exited with " + node.process.exitValue() + " before it was healthy; see " + log);
            }
            try {
                HttpResponse<String> health = http.send(request("/health").timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    mark("node " + number + " healthy (GET /health = 200)");
                    return node;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (Instant.now().isAfter(deadline)) {
                fail("node " + number + " not healthy within " + HEALTH_PATIENCE + "; see " + log);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
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
            JsonNode execution = expectJson(get("/api/v2/task_executions/" + id), 200);
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

    @FunctionalInterface
    private interface Poll<T> {
        T get() throws Exception;
    }

    private <T> T await(String what, Duration patience, Poll<T> poll, Predicate<T> done) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        T last = poll.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                fail("timed out after " + patience + " waiting for " + what + "; last: " + last);
            }
            for (Node node : nodes) {
                if (!node.killed && !node.process.isAlive()) {
                    fail("a node died while waiting for " + what + " (exit " + node.process.exitValue() + "); see " + node.log);
                }
            }
            Thread.sleep(POLL.toMillis());
            last = poll.get();
        }
        return last;
    }

    private void mark(String event) {
        String line = String.format("[%7.2fs] %s", Duration.between(start, Instant.now()).toMillis() / 1000.0, event);
        timeline.add(line);
        System.out.println("CrashRecoveryIT " + line);
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> entries = Files.walk(dir)) {
            return entries.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString() + (Files.isDirectory(p) ? "/" : ""))
                    .sorted().toList();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.walk(dir)) {
            for (Path p : entries.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    // ---- HTTP -----------------------------------------------------------------------------------------------

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(15));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).header("Authorization", auth).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(request(path).header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(String path, String body) throws IOException, InterruptedException {
        return http.send(request(path).header("Authorization", auth).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String body(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), () -> response.request().method() + " " + response.uri() + ": " + response.body());
        return response.body();
    }

    private JsonNode expectJson(HttpResponse<String> response, int status) {
        try {
            return json.readTree(body(response, status));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String object(Object... keysAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        try {
            return json.writeValueAsString(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- processes ------------------------------------------------------------------------------------------

    /** One Tapeflow JVM; {@link #kill()} is SIGKILL (Process.destroyForcibly on Linux), never a graceful stop. */
    private static final class Node {
        final Process process;
        final Path log;
        volatile boolean killed;

        Node(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        int kill() {
            killed = true;
            process.destroyForcibly();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("process " + process.pid() + " still alive 30 s after SIGKILL");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return process.exitValue();
        }
    }
}
