package io.tapeflow.execution;

import io.tapeflow.persistence.DbTime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Log lines and failed files of a run waiting for the next checkpoint, which writes them in its own
 * transaction: one commit a second rather than one per file, and never a line about a file the
 * checkpoint does not cover yet (after a crash such a file is done, and logged, again).
 */
public final class PendingLog {

    public record Line(Instant time, String level, String path, String message) {
    }

    /** A file the run counted as failed: its container ({@code null} outside containers) and container-relative path. */
    public record FailedFile(Long containerId, String path, String reason) {
    }

    /** What one checkpoint writes. */
    public record Batch(List<Line> lines, List<FailedFile> failures) {
        public static final Batch NONE = new Batch(List.of(), List.of());
    }

    private final ConcurrentLinkedQueue<Line> lines = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<FailedFile> failures = new ConcurrentLinkedQueue<>();

    public void info(String path, String message) {
        add("INFO", path, message);
    }

    public void warn(String path, String message) {
        add("WARN", path, message);
    }

    public void error(String path, String message) {
        add("ERROR", path, message);
    }

    /**
     * Records a file counted as failed, for a retry to find: add it where the counter grows, so
     * that the checkpoint committing the count commits the file too.
     */
    public void failed(long containerId, String containerPath, String reason) {
        failures.add(new FailedFile(containerId, containerPath, truncated(reason)));
    }

    private void add(String level, String path, String message) {
        lines.add(new Line(DbTime.now(), level, path, truncated(message)));
    }

    private static String truncated(String message) {
        return message.length() > 2000 ? message.substring(0, 2000) : message;
    }

    /** Takes every line and failed file queued so far. */
    public Batch drain() {
        return new Batch(poll(lines), poll(failures));
    }

    private static <T> List<T> poll(ConcurrentLinkedQueue<T> queue) {
        List<T> drained = new ArrayList<>();
        for (T item; (item = queue.poll()) != null; ) {
            drained.add(item);
        }
        return drained;
    }
}
