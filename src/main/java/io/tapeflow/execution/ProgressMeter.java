package io.tapeflow.execution;

import io.tapeflow.transfer.SourceEntry;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what a run has done and turns it into the live figures an operator reads: bytes/s, ETA and a
 * status text like {@code [2/3] transfer 1.2 GiB/4.0 GiB 310 MB/s ETA 00:09}. Decides when the next
 * checkpoint is due: every second, or every chunk of files or bytes.
 */
final class ProgressMeter {

    private final Execution execution;
    private final long startNanos = System.nanoTime();
    private final long startBytes;
    private final long startFiles;
    private final AtomicLong inFlight = new AtomicLong();
    private volatile Progress progress;
    private final java.util.function.Consumer<ProgressMeter> live;
    private final int copiesPerFile;
    private long lastCheckpointNanos = System.nanoTime();
    private final AtomicLong lastLiveNanos = new AtomicLong(System.nanoTime());
    private long filesSinceCheckpoint;
    private long bytesSinceCheckpoint;

    ProgressMeter(Execution execution, Progress progress, int copiesPerFile, java.util.function.Consumer<ProgressMeter> live) {
        this.execution = execution;
        this.copiesPerFile = Math.max(1, copiesPerFile);
        this.live = live;
        this.progress = progress;
        this.startBytes = progress.processedSize();
        this.startFiles = progress.processedFiles() + progress.skippedFiles() + progress.failedFiles();
    }

    /** Bytes written by the copies under way (any thread); publishes live figures every second. */
    void bytes(long delta) {
        inFlight.addAndGet(delta);
        long now = System.nanoTime();
        long last = lastLiveNanos.get();
        if (now - last >= ExecutionRunner.CHECKPOINT_EVERY.toNanos() && lastLiveNanos.compareAndSet(last, now)) {
            live.accept(this);
        }
    }

    /**
     * Publishes the live figures now if files are under way: a checkpoint records completed files only, and
     * it resets the clock of {@link #bytes}, so a run checkpointing every second would otherwise show no bytes
     * of a large file until it completes.
     */
    void publishLiveIfUnderWay() {
        if (liveBytes() > 0) {
            lastLiveNanos.set(System.nanoTime());
            live.accept(this);
        }
    }

    /** Source bytes of the files under way (each is written once per destination). */
    long liveBytes() {
        return inFlight.get() / copiesPerFile;
    }

    void done(FileTransfer.Outcome outcome, int source, SourceEntry entry) {
        long size = entry.size();
        long written = size * copiesPerFile;
        inFlight.updateAndGet(bytes -> Math.max(0, bytes - written));
        progress = switch (outcome.kind()) {
            case COPIED -> progress.processed(size, true, source, entry.relative());
            case SKIPPED -> progress.skipped(size, source, entry.relative());
            case FAILED -> progress.failed(size, source, entry.relative());
            case NOT_A_FILE -> progress.at(source, entry.relative());
        };
        filesSinceCheckpoint++;
        bytesSinceCheckpoint += size;
    }

    /** Files completed by this job so far. */
    long filesThisJob() {
        return progress.processedFiles() + progress.skippedFiles() + progress.failedFiles() - startFiles;
    }

    /** A source that is not there at all: one failure, and the checkpoint moves past it (path "": the whole source). */
    void missingSource(int source) {
        progress = progress.failed(0, source, "");
    }

    boolean dueForCheckpoint() {
        return filesSinceCheckpoint >= ExecutionRunner.CHUNK_FILES || bytesSinceCheckpoint >= ExecutionRunner.CHUNK_BYTES
                || System.nanoTime() - lastCheckpointNanos >= ExecutionRunner.CHECKPOINT_EVERY.toNanos();
    }

    void checkpointed() {
        lastCheckpointNanos = System.nanoTime();
        lastLiveNanos.set(lastCheckpointNanos);
        filesSinceCheckpoint = 0;
        bytesSinceCheckpoint = 0;
    }

    Progress progress() {
        return progress;
    }

    /** Bytes per second since this job started. */
    long bandwidth() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long moved = progress.processedSize() + liveBytes() - startBytes;
        return seconds < 0.001 ? 0 : (long) (moved / seconds);
    }

    Long etaSeconds() {
        long rate = bandwidth();
        long left = execution.toProcessSize() - progress.processedSize() - liveBytes();
        return rate <= 0 ? null : Math.max(0, left / rate);
    }

    String statusText() {
        Long eta = etaSeconds();
        return "[2/3] transfer " + Units.bytes(progress.processedSize() + liveBytes()) + "/" + Units.bytes(execution.toProcessSize())
                + " " + Units.bytes(bandwidth()) + "/s" + (eta == null ? "" : " ETA " + Units.duration(eta));
    }
}
