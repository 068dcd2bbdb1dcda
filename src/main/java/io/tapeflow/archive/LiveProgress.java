package io.tapeflow.archive;

import io.tapeflow.execution.ExecutionStore;
import io.tapeflow.execution.Units;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The live figures of a tape run, published at most once a second: an archive's or copy's checkpoint only moves
 * when a tape file's mark is written (up to 4 GiB apart), a check's or scan's between files that may be as large,
 * so without these an operator would see nothing move.
 */
final class LiveProgress {

    private static final Logger LOG = LoggerFactory.getLogger(LiveProgress.class);
    private static final long EVERY_NANOS = 1_000_000_000L;

    private final TapeRun run;
    private final ExecutionStore store;
    private final String verb;
    private long committedSize;
    private long currentFile;
    private long lastNanos = System.nanoTime();

    /** @param verb what the status text says the run does ("archiving") */
    LiveProgress(TapeRun run, ExecutionStore store, String verb) {
        this.run = run;
        this.store = store;
        this.verb = verb;
        this.committedSize = run.progress.processedSize();
    }

    /** The source's bytes, counted as they go to tape. */
    InputStream counting(InputStream in) {
        currentFile = 0;
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    add(n);
                }
                return n;
            }
        };
    }

    /** {@code bytes} more of the current file went through. */
    void add(long bytes) {
        currentFile += bytes;
        publishIfDue();
    }

    /** A file is counted in the run's progress (or given up): its bytes are no longer in flight. */
    void fileDone() {
        currentFile = 0;
        publishIfDue();
    }

    /** The checkpoint now covers everything counted so far. */
    void committed() {
        committedSize = run.progress.processedSize();
        lastNanos = System.nanoTime();
    }

    private void publishIfDue() {
        long now = System.nanoTime();
        if (now - lastNanos < EVERY_NANOS) {
            return;
        }
        lastNanos = now;
        long inFlight = run.progress.processedSize() - committedSize + currentFile;
        long bandwidth = run.bandwidth();
        long left = run.execution.toProcessSize() - committedSize - inFlight;
        try {
            store.live(run.execution, committedSize, inFlight, bandwidth, bandwidth > 0 ? Math.max(0, left / bandwidth) : null,
                    "[2/3] " + verb + " " + Units.bytes(committedSize + inFlight) + "/" + Units.bytes(run.execution.toProcessSize())
                            + " " + Units.bytes(bandwidth) + "/s");
        } catch (RuntimeException e) {
            // why: live figures are a courtesy; a database hiccup must not break the tape file being written
            LOG.warn("execution {}: live progress not recorded: {}", run.id(), e.getMessage());
        }
    }
}
