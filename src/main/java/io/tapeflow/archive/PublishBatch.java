package io.tapeflow.archive;

import io.tapeflow.transfer.ConflictPolicy;
import io.tapeflow.transfer.DataSync;
import io.tapeflow.transfer.DirectorySync;
import io.tapeflow.transfer.FileCopier;
import io.tapeflow.transfer.GroupSync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Restored files complete and checked under their temp names, waiting to be published: their bytes are flushed
 * together (one syncfs per file system where the platform has it, {@link GroupSync}), then each is renamed into place
 * under the conflict resolution and counted, in physical order. Flushing a batch costs the disk about half of flushing
 * each file as it lands. A checkpoint publishes the batch and
 * flushes the folders first, so every file it counts is durable under its name; files not published when a run
 * fails are deleted, and the run does them again from its checkpoint.
 */
final class PublishBatch {

    static final int MAX_FILES = 256;
    static final long MAX_BYTES = 64L << 20;

    private record Pending(Path temp, Path target, RestoreQueue.Item item, int sourceIndex) {
    }

    private final TapeRun run;
    private final ConflictPolicy policy;
    private final DirectorySync.Deferred directories = DirectorySync.deferred();
    private final DataSync sync = GroupSync.create();
    private final List<Pending> pending = new ArrayList<>();
    private long bytes;

    PublishBatch(TapeRun run, ConflictPolicy policy) {
        this.run = run;
        this.policy = policy;
    }

    /** Queues a checked temp file (its time already set) for {@code target}; publishes the batch when it is full. */
    void add(Path temp, Path target, RestoreQueue.Item item, int sourceIndex) throws IOException {
        pending.add(new Pending(temp, target, item, sourceIndex));
        bytes += item.size();
        if (pending.size() >= MAX_FILES || bytes >= MAX_BYTES) {
            publish();
        }
    }

    /** Flushes, publishes and counts every queued file: before any other count moves the checkpoint past them. */
    void publish() throws IOException {
        sync.flushAll(pending.stream().map(Pending::temp).toList());
        for (Pending file : pending) {
            RestoreQueue.Item item = file.item();
            Path landed = FileCopier.publishTemp(file.temp(), file.target(), policy, directories);
            if (landed == null) {
                run.log.info(item.path(), "skipped: " + file.target() + " exists (conflict resolution ignore)");
                run.progress = run.progress.skipped(item.partLength(), file.sourceIndex(), item.checkpoint());
            } else {
                run.log.info(item.path(), "restored to " + landed + " from tape file " + item.tapeFile() + " entry " + item.position());
                run.progress = run.progress.processed(item.partLength(), true, file.sourceIndex(), item.checkpoint());
            }
        }
        pending.clear();
        bytes = 0;
    }

    /** Publishes the batch and makes the new names durable: what a checkpoint must cover. */
    void makeDurable() throws IOException {
        publish();
        directories.flush();
    }

    /** Deletes the temp files of a run that stops on a failure; its checkpoint does not cover them. */
    void discard() {
        for (Pending file : pending) {
            try {
                Files.deleteIfExists(file.temp());
            } catch (IOException e) {
                // why: a leftover temp file is recognisable (FileCopier.isTempFile); the failure that got here matters more
            }
        }
        pending.clear();
    }
}
