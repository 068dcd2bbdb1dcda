package io.tapeflow.archive;

import io.tapeflow.catalog.ArchivePath;
import io.tapeflow.catalog.CatalogStore;
import io.tapeflow.container.ContainerService;
import io.tapeflow.execution.ExecutionStore;
import io.tapeflow.execution.RetryFiles;
import io.tapeflow.execution.RunPlan;
import io.tapeflow.execution.SourceRoot;
import io.tapeflow.execution.SourceTally;
import io.tapeflow.library.DriveAllocator;
import io.tapeflow.library.TapeMounter;
import io.tapeflow.task.ConflictResolution;
import io.tapeflow.task.TaskEndpoint;
import io.tapeflow.task.TaskStatus;
import io.tapeflow.task.WorkflowAction;
import io.tapeflow.transfer.SourceEntry;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Archives container files to a pool or a tape through {@link TapeOutput} (tape files committed with
 * their catalog rows once their mark is written). A move deletes sources after that commit.
 */
@Singleton
class TapeArchiver implements TapeWork {

    private final ContainerService containers;
    private final TapeMounter mounter;
    private final TapeBook book;
    private final CatalogStore catalog;
    private final ExecutionStore store;
    private final TapeOutput output;
    private final RetryFiles retryFiles;

    TapeArchiver(ContainerService containers, TapeMounter mounter, TapeBook book, CatalogStore catalog, ExecutionStore store,
                 TapeOutput output, RetryFiles retryFiles) {
        this.retryFiles = retryFiles;
        this.containers = containers;
        this.mounter = mounter;
        this.book = book;
        this.catalog = catalog;
        this.store = store;
        this.output = output;
    }

    @Override
    public DriveAllocator.Need need(TapeRun run) {
        TaskEndpoint destination = destination(run);
        if (destination.isTape()) {
            return new DriveAllocator.Need(run.id(), run.task.id(), run.task.priority(), book.libraryOfTape(destination.tapeId()),
                    destination.tapeId(), null);
        }
        Long library = book.libraryOfPool(destination.poolId());
        if (library == null) {
            throw new IllegalStateException("pool " + destination.poolName() + " holds no tape");
        }
        return new DriveAllocator.Need(run.id(), run.task.id(), run.task.priority(), library, null, destination.poolId());
    }

    private static TaskEndpoint destination(TapeRun run) {
        if (run.destinations.size() != 1 || run.destinations.get(0).isContainer()) {
            throw new IllegalStateException("an archive writes to exactly one pool or tape; this task has " + run.destinations.size()
                    + " destinations");
        }
        return run.destinations.get(0);
    }

    @Override
    public Outcome work(TapeRun run) throws IOException {
        List<SourceRoot> sources = new ArrayList<>();
        for (TaskEndpoint endpoint : run.sources) {
            if (!endpoint.isContainer()) {
                throw new IllegalStateException("an archive reads from containers; source " + endpoint.id() + " is a pool or tape");
            }
            sources.add(SourceRoot.of(containers, endpoint));
        }
        RunPlan plan = retryFiles.planOf(run.execution);
        if (!run.execution.planned()) {
            SourceTally tally = SourceTally.NONE;
            store.changeStatus(run.execution, TaskStatus.calculating, "[1/3] calculating");
            for (int s = 0; s < sources.size(); s++) {
                if (plan.includes(s) && Files.exists(sources.get(s).path(), LinkOption.NOFOLLOW_LINKS)) {
                    tally = tally.plus(plan.tally(s, sources.get(s)));
                }
            }
            store.planned(run.execution, tally.files(), tally.bytes());
            run.reload();
        }
        store.changeStatus(run.execution, TaskStatus.in_progress, "[2/3] archiving to " + mounter.cartridge(run.grant.tapeId()).barcode());
        TaskEndpoint destination = destination(run);
        boolean move = run.execution.workflowAction() == WorkflowAction.move;
        Writing writing = new Writing(run, output.open(run, TapeOutput.Target.of(destination), "archiving"), move);
        try {
            return writeSources(run, writing, plan, sources, destination);
        } catch (IOException | RuntimeException | Error e) {
            // why: the drive stays this run's for the retry, which must find no tape file (nor catalog transaction) left open
            writing.session.abandon();
            throw e;
        }
    }

    private Outcome writeSources(TapeRun run, Writing writing, RunPlan plan, List<SourceRoot> sources, TaskEndpoint destination)
            throws IOException {
        long sliceEnd = System.nanoTime() + TapeWorkflowRunner.SLICE.toNanos();
        for (int s = run.execution.checkpointSource(); s < sources.size(); s++) {
            SourceRoot source = sources.get(s);
            String after = s == run.execution.checkpointSource() ? run.execution.checkpointPath() : null;
            if (!plan.includes(s)) {
                continue;
            }
            if (!Files.exists(source.path(), LinkOption.NOFOLLOW_LINKS)) {
                if (after == null) {
                    run.log.error(source.path().toString(), "source does not exist");
                    run.log.failed(source.containerId(), source.containerPath(), "source does not exist");
                    run.progress = run.progress.failed(0, s, "");
                }
                continue;
            }
            try (Stream<SourceEntry> entries = plan.entriesAfter(s, source, after);
                 SourcePrefetch ahead = new SourcePrefetch(entries.iterator(), "source-read-ahead-execution-" + run.id())) {
                while (ahead.hasNext()) {
                    SourcePrefetch.Ahead entry = ahead.next();
                    Outcome control = run.requested();
                    if (control != null) {
                        writing.commit();
                        return control;
                    }
                    archive(writing, s, source, entry, destination);
                    if (writing.session.shouldClose()) {
                        writing.commit();
                    }
                    if (System.nanoTime() > sliceEnd) {
                        writing.commit();
                        return Outcome.HANDED_OVER;
                    }
                }
            }
        }
        writing.commit();
        return Outcome.FINISHED;
    }

    private void archive(Writing writing, int s, SourceRoot source, SourcePrefetch.Ahead ahead, TaskEndpoint destination) throws IOException {
        TapeRun run = writing.run;
        SourceEntry entry = ahead.entry();
        if (entry.kind() != SourceEntry.Kind.FILE) {
            if (entry.kind() == SourceEntry.Kind.SYMLINK) {
                run.log.warn(entry.relative(), "skipped: symbolic links are not followed");
            } else if (entry.kind() == SourceEntry.Kind.UNREADABLE_DIRECTORY) {
                failed(run, s, source, entry, "directory cannot be read; its content was not archived");
                return;
            } else if (entry.kind() == SourceEntry.Kind.MISSING) {
                failed(run, s, source, entry, "failed: no longer exists");
                return;
            }
            run.progress = run.progress.at(s, entry.relative());
            return;
        }
        String path = ArchivePath.normalize(destination.path() + "/" + source.targetOf(entry.relative()));
        java.time.Instant mtime = entry.mtime().toInstant();
        if (run.task.conflictResolution() == ConflictResolution.ignore && catalog.holds(path, entry.size(), mtime)) {
            run.log.info(entry.relative(), "skipped: " + path + " is already archived (conflict resolution ignore)");
            run.progress = run.progress.skipped(entry.size(), s, entry.relative());
            return;
        }
        InputStream in;
        try {
            in = writing.session.live.counting(ahead.open());
        } catch (IOException e) {
            failed(run, s, source, entry, "failed: cannot read: " + e.getMessage());
            return;
        }
        try (in) {
            writing.session.write(path.substring(1), entry.size(), entry.mtime(), in, run.options.checksum(), null);
        }
        run.progress = run.progress.processed(entry.size(), true, s, entry.relative());
        writing.completedSources.add(entry.absolute());
        writing.session.live.fileDone();
    }

    /** Counts an entry as failed, logs why and records it for a retry, all committed by the next checkpoint. */
    private static void failed(TapeRun run, int s, SourceRoot source, SourceEntry entry, String reason) {
        run.log.error(entry.relative(), reason);
        run.log.failed(source.containerId(), source.containerPathOf(entry.relative()), reason);
        run.progress = run.progress.failed(entry.size(), s, entry.relative());
    }

    /** The tape output of an archive, and the sources a move deletes once the tape file holding them is committed. */
    private static final class Writing {
        final TapeRun run;
        final TapeOutput.Session session;
        final boolean move;
        final List<Path> completedSources = new ArrayList<>();

        Writing(TapeRun run, TapeOutput.Session session, boolean move) {
            this.run = run;
            this.session = session;
            this.move = move;
        }

        void commit() throws IOException {
            session.commit();
            if (move) {
                for (Path source : completedSources) {
                    try {
                        Files.delete(source);
                    } catch (IOException e) {
                        run.log.error(source.toString(), "archived but the source could not be deleted: " + e.getMessage());
                    }
                }
            }
            completedSources.clear();
        }
    }
}
