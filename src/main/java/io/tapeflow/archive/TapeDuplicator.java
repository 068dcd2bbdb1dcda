package io.tapeflow.archive;

import io.tapeflow.library.DriveAllocator;
import io.tapeflow.task.TaskEndpoint;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * Duplication: a second copy of the files of a tape or a pool (under the source's path) on another
 * pool or a tape, copied tape to tape by {@link TapeCopier} with two drives at once. The copy keeps the
 * catalog's paths: it is another copy of the same catalog files. Files that have a copy there already
 * are left out, so running the task again copies only what was archived since.
 */
@Singleton
class TapeDuplicator implements TapeWork, TapeCopier.Plan {

    private final TapeCopier copier;

    TapeDuplicator(TapeCopier copier) {
        this.copier = copier;
    }

    @Override
    public DriveAllocator.Need need(TapeRun run) {
        return copier.need(run, this);
    }

    @Override
    public Outcome work(TapeRun run) throws IOException {
        return copier.copy(run, this);
    }

    @Override
    public RestoreQueue.Selection selection(TapeRun run) {
        return new RestoreQueue.Selection(source(run), destination(run), true);
    }

    @Override
    public TapeOutput.Target target(TapeRun run) {
        return TapeOutput.Target.of(destination(run));
    }

    @Override
    public String verb() {
        return "duplicating";
    }

    @Override
    public LongConsumer onCopied(TapeRun run) {
        return fileId -> {
        };
    }

    private static TaskEndpoint source(TapeRun run) {
        if (run.sources.size() != 1 || run.sources.get(0).isContainer()) {
            throw new IllegalStateException("a duplication copies exactly one pool or tape; this task has " + run.sources.size()
                    + " sources" + (run.sources.stream().anyMatch(TaskEndpoint::isContainer) ? ", a container among them" : ""));
        }
        return run.sources.get(0);
    }

    private static TaskEndpoint destination(TapeRun run) {
        if (run.destinations.size() != 1 || run.destinations.get(0).isContainer()) {
            throw new IllegalStateException("a duplication writes to exactly one pool or tape; this task has " + run.destinations.size()
                    + " destinations" + (run.destinations.stream().anyMatch(TaskEndpoint::isContainer) ? ", a container among them" : ""));
        }
        TaskEndpoint destination = run.destinations.get(0);
        TaskEndpoint source = source(run);
        if (Objects.equals(source.poolId(), destination.poolId()) && Objects.equals(source.tapeId(), destination.tapeId())) {
            throw new IllegalStateException("a duplication writes its copy elsewhere: the destination is the source "
                    + (source.isPool() ? "pool " + source.poolName() : "tape " + source.tapeBarcode()));
        }
        return destination;
    }
}
