package io.tapeflow.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * One Tapeflow node: the packaged jar started as a separate OS process by an {@link ItRun}. The node's
 * output goes to {@code <run dir>/<name>.log}.
 * {@link #kill()} is SIGKILL (Process.destroyForcibly on Linux), never a graceful stop.
 */
public final class JarNode {

    private static final Duration HEALTH_PATIENCE = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(250);

    private final String name;
    private final Process process;
    private final Path log;
    private final NodeApi api;
    private volatile boolean killed;

    private JarNode(String name, Process process, Path log, NodeApi api) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.api = api;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /**
     * Starts the jar in {@code runDir} on {@code port} and waits until {@code /health} answers 200. The
     * build's own database and Tapeflow settings are not passed on: the node gets {@code environment} only
     * (besides the admin password, port and no JobRunr dashboard).
     */
    static JarNode start(Path jar, Path runDir, String name, int port, String adminPassword, Map<String, String> environment,
                         Consumer<String> mark) throws IOException, InterruptedException {
        Path log = runDir.resolve(name + ".log");
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx512m", "-Duser.timezone=UTC", "-jar", jar.toString())
                .directory(runDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("DATASOURCES_") || k.startsWith("TAPEFLOW_") || k.startsWith("MICRONAUT_")
                || k.equals("JAVA_TOOL_OPTIONS"));
        env.put("TAPEFLOW_ADMIN_PASSWORD", adminPassword);
        env.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        env.put("TAPEFLOW_JOBS_DASHBOARD", "false");
        env.putAll(environment);
        JarNode node = new JarNode(name, builder.start(), log, new NodeApi(port, adminPassword));
        // Should the test JVM itself be killed, its nodes do not outlive it.
        Runtime.getRuntime().addShutdownHook(new Thread(node.process::destroyForcibly));
        mark.accept(name + " started, pid " + node.process.pid() + ", port " + port + ", log " + log);
        Instant deadline = Instant.now().plus(HEALTH_PATIENCE);
        while (!node.api.healthy()) {
            if (!node.process.isAlive()) {
                fail(name + " exited with " + node.process.exitValue() + " before it was healthy; see " + log);
            }
            if (Instant.now().isAfter(deadline)) {
                node.kill();
                fail(name + " not healthy within " + HEALTH_PATIENCE + "; see " + log);
            }
            Thread.sleep(POLL.toMillis());
        }
        mark.accept(name + " healthy (GET /health = 200)");
        return node;
    }

    public String name() {
        return name;
    }

    public NodeApi api() {
        return api;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The process ended without the test killing it. */
    public boolean died() {
        return !killed && !process.isAlive();
    }

    public int exitValue() {
        return process.exitValue();
    }

    /** SIGKILL, then waits for the process to be gone; answers its exit value (137). */
    public int kill() {
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

    /** The node's output so far, for a failure report. */
    public String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }
}
