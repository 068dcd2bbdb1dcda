package io.tapeflow.execution;

import io.tapeflow.persistence.DbTime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Log lines of a run waiting for the next checkpoint, which writes them in its own transaction: one
 * commit a second rather than one per file, and never a line about a file the checkpoint does not
 * cover yet (after a crash such a file is done, and logged, again).
 */
public final class PendingLog {

    public record Line(Instant time, String level, String path, String message) {
    }

    private final ConcurrentLinkedQueue<Line> lines = new ConcurrentLinkedQueue<>();

    public void info(String path, String message) {
        add("INFO", path, message);
    }

    public void warn(String path, String message) {
        add("WARN", path, message);
    }

    public void error(String path, String message) {
        add("ERROR", path, message);
    }

    private void add(String level, String path, String message) {
        lines.add(new Line(DbTime.now(), level, path, message.length() > 2000 ? message.substring(0, 2000) : message));
    }

    /** Takes every line queued so far. */
    public List<Line> drain() {
        List<Line> drained = new ArrayList<>();
        for (Line line; (line = lines.poll()) != null; ) {
            drained.add(line);
        }
        return drained;
    }
}
