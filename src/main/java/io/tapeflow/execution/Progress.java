package io.tapeflow.execution;

/**
 * The counters of a run at one moment, committed together with the checkpoint so that counters and
 * done files always agree, even after a crash.
 */
public record Progress(long processedSize, long processedFiles, long finalizedFiles, long skippedFiles,
                       long failedFiles, int checkpointSource, String checkpointPath) {

    public static Progress of(Execution execution) {
        return new Progress(execution.processedSize(), execution.processedFiles(), execution.finalizedFiles(),
                execution.skippedFiles(), execution.failedFiles(), execution.checkpointSource(), execution.checkpointPath());
    }

    public Progress processed(long bytes, boolean finalized, int source, String path) {
        return new Progress(processedSize + bytes, processedFiles + 1, finalizedFiles + (finalized ? 1 : 0),
                skippedFiles, failedFiles, source, path);
    }

    public Progress skipped(long bytes, int source, String path) {
        return new Progress(processedSize + bytes, processedFiles, finalizedFiles, skippedFiles + 1, failedFiles, source, path);
    }

    public Progress failed(long bytes, int source, String path) {
        return new Progress(processedSize + bytes, processedFiles, finalizedFiles, skippedFiles, failedFiles + 1, source, path);
    }

    /** Moves the checkpoint without counting a file (a folder, or a whole source done). */
    public Progress at(int source, String path) {
        return new Progress(processedSize, processedFiles, finalizedFiles, skippedFiles, failedFiles, source, path);
    }

    /** Bytes of a file that is not complete yet (one part of a file spanning tapes). */
    public Progress partial(long bytes, int source, String path) {
        return new Progress(processedSize + bytes, processedFiles, finalizedFiles, skippedFiles, failedFiles, source, path);
    }
}
