package io.tapeflow.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One run of an {@code *IT} test against the packaged jar, which maven-failsafe-plugin runs after
 * {@code package}: the nodes it starts ({@link JarNode}), its temp directories, and a timeline of what it
 * saw, printed as it happens and written with the node logs to {@code <tapeflow.it.dir>/<it>/<timestamp>/}.
 */
public final class ItRun {

    private static final Duration POLL = Duration.ofMillis(250);

    private final String name;
    private final Path jar;
    private final Path dir;
    private final Instant start = Instant.now();
    private final List<String> timeline = new ArrayList<>();
    private final List<JarNode> nodes = new ArrayList<>();
    private final List<Path> tempDirs = new ArrayList<>();

    private ItRun(String name, Path jar, Path dir) {
        this.name = name;
        this.jar = jar;
        this.dir = dir;
    }

    /**
     * Starts a run of the IT {@code name}. The jar is the one failsafe passes as {@code tapeflow.jar} (see
     * pom.xml); the test is skipped without it, as when surefire is made to pick an IT up with -Dtest=...
     */
    public static ItRun of(String name) throws IOException {
        String property = System.getProperty("tapeflow.jar");
        assumeTrue(property != null, "ITs run under maven-failsafe-plugin (./mvnw verify), which passes tapeflow.jar");
        Path jar = Paths.get(property);
        assertTrue(Files.isRegularFile(jar), "the packaged jar exists (run through `./mvnw verify`): " + jar);
        Path itDir = Paths.get(System.getProperty("tapeflow.it.dir", jar.getParent().resolve("it").toString()));
        Path dir = Files.createDirectories(itDir.resolve(name).resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"))));
        return new ItRun(name, jar, dir);
    }

    public Path dir() {
        return dir;
    }

    /** A new temp directory, deleted when the run succeeds and kept for inspection when it fails. */
    public Path tempDir(String prefix) throws IOException {
        Path created = Files.createTempDirectory(prefix);
        tempDirs.add(created);
        return created;
    }

    /** Starts the jar as node {@code nodeName} (see {@link JarNode#start}); it is killed by {@link #killNodes()}. */
    public JarNode startNode(String nodeName, int port, String adminPassword, Map<String, String> environment)
            throws IOException, InterruptedException {
        JarNode node = JarNode.start(jar, dir, nodeName, port, adminPassword, environment, this::mark);
        nodes.add(node);
        return node;
    }

    /** SIGKILLs every node still running (an {@code @AfterEach}). */
    public void killNodes() {
        for (JarNode node : nodes) {
            node.kill();
        }
    }

    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /**
     * Carries out the test: on success the temp directories are deleted; on failure every node's output is
     * printed and they are kept. The timeline is written either way.
     */
    public void carryOut(Body body) throws Throwable {
        try {
            body.run();
            for (Path temp : tempDirs) {
                deleteTree(temp);
            }
        } catch (Throwable failure) {
            mark("FAILED: " + failure);
            for (JarNode node : nodes) {
                System.out.println("===== " + node.log() + " =====");
                System.out.println(node.output());
            }
            System.out.println("temp dirs kept for inspection: " + tempDirs);
            throw failure;
        } finally {
            Files.write(dir.resolve("timeline.txt"), timeline);
            System.out.println("===== " + name + " timeline =====");
            timeline.forEach(System.out::println);
        }
    }

    public synchronized void mark(String event) {
        String line = String.format("[%7.2fs] %s", Duration.between(start, Instant.now()).toMillis() / 1000.0, event);
        timeline.add(line);
        System.out.println(name + " " + line);
    }

    @FunctionalInterface
    public interface Poll<T> {
        T get() throws Exception;
    }

    /** Polls until {@code done} holds; fails on timeout, or as soon as a node dies without being killed. */
    public <T> T await(String what, Duration patience, Poll<T> poll, Predicate<T> done) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        T last = poll.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                fail("timed out after " + patience + " waiting for " + what + "; last: " + last);
            }
            for (JarNode node : nodes) {
                if (node.died()) {
                    fail(node.name() + " died while waiting for " + what + " (exit " + node.exitValue() + "); see " + node.log());
                }
            }
            Thread.sleep(POLL.toMillis());
            last = poll.get();
        }
        return last;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.walk(dir)) {
            for (Path p : entries.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
