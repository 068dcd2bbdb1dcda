package io.tapeflow.archive;

import io.tapeflow.catalog.ArchivePath;
import io.tapeflow.catalog.CatalogStore;
import io.tapeflow.container.ContainerRoot;
import io.tapeflow.container.ContainerService;
import io.tapeflow.execution.ExecutionStore;
import io.tapeflow.execution.SourceRoot;
import io.tapeflow.execution.SourceTally;
import io.tapeflow.library.DriveAllocator;
import io.tapeflow.library.TapeFullException;
import io.tapeflow.library.TapeMounter;
import io.tapeflow.library.WriteProtectedException;
import io.tapeflow.task.ConflictResolution;
import io.tapeflow.task.TaskEndpoint;
import io.tapeflow.task.TaskStatus;
import io.tapeflow.task.WorkflowAction;
import io.tapeflow.tapeformat.AddResult;
import io.tapeflow.tapeformat.TapeFileWriter;
import io.tapeflow.tapeformat.TapeFormat;
import io.tapeflow.tapeformat.WrittenEntry;
import io.tapeflow.transfer.SourceEntry;
import io.tapeflow.transfer.SourceWalker;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Archives container files to a pool or a tape: each job writes pax tar tape files (small files
 * aggregated, a file larger than what is left spanning to the next cartridge of the pool) and, only
 * once a tape file's mark is written, commits its catalog rows, the cartridge's free space and the
 * run's checkpoint in one transaction. A move deletes sources after that commit.
 */
@Singleton
class TapeArchiver implements TapeWork {

    private final ContainerService containers;
    private final TapeMounter mounter;
    private final DriveAllocator allocator;
    private final TapeBook book;
    private final CatalogStore catalog;
    private final ExecutionStore store;
    private final TapeLabels labels;

    TapeArchiver(ContainerService containers, TapeMounter mounter, DriveAllocator allocator, TapeBook book, CatalogStore catalog,
                 ExecutionStore store, TapeLabels labels) {
        this.containers = containers;
        this.mounter = mounter;
        this.allocator = allocator;
        this.book = book;
        this.catalog = catalog;
        this.store = store;
        this.labels = labels;
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
            sources.add(SourceRoot.of(ContainerRoot.of(containers.find(endpoint.containerId())), endpoint.path(), endpoint.containerId()));
        }
        if (!run.execution.planned()) {
            SourceTally tally = SourceTally.NONE;
            store.changeStatus(run.execution, TaskStatus.calculating, "[1/3] calculating");
            for (SourceRoot source : sources) {
                tally = tally.plus(SourceTally.of(source.path()));
            }
            store.planned(run.execution, tally.files(), tally.bytes());
            run.reload();
        }
        store.changeStatus(run.execution, TaskStatus.in_progress, "[2/3] archiving to " + mounter.cartridge(run.grant.tapeId()).barcode());
        TaskEndpoint destination = destination(run);
        boolean move = run.execution.workflowAction() == WorkflowAction.move;
        Writing writing = new Writing(run, destination);
        try {
            return writeSources(run, writing, sources, destination, move);
        } catch (IOException | RuntimeException e) {
            // why: the drive stays this run's for the retry, which must find no tape file left open on it
            writing.abandon();
            throw e;
        }
    }

    private Outcome writeSources(TapeRun run, Writing writing, List<SourceRoot> sources, TaskEndpoint destination, boolean move)
            throws IOException {
        long sliceEnd = System.nanoTime() + TapeWorkflowRunner.SLICE.toNanos();
        for (int s = run.execution.checkpointSource(); s < sources.size(); s++) {
            SourceRoot source = sources.get(s);
            String after = s == run.execution.checkpointSource() ? run.execution.checkpointPath() : null;
            if (!Files.exists(source.path(), LinkOption.NOFOLLOW_LINKS)) {
                if (after == null) {
                    run.log.error(source.path().toString(), "source does not exist");
                    run.progress = run.progress.failed(0, s, null);
                }
                continue;
            }
            try (Stream<SourceEntry> entries = SourceWalker.walkAfter(source.path(), after)) {
                for (Iterator<SourceEntry> it = entries.iterator(); it.hasNext(); ) {
                    SourceEntry entry = it.next();
                    Outcome control = run.requested();
                    if (control != null) {
                        writing.commit(move);
                        return control;
                    }
                    archive(writing, s, source, entry, destination);
                    if (writing.writer.shouldClose()) {
                        writing.commit(move);
                    }
                    if (System.nanoTime() > sliceEnd) {
                        writing.commit(move);
                        return Outcome.HANDED_OVER;
                    }
                }
            }
        }
        writing.commit(move);
        return Outcome.FINISHED;
    }

    private void archive(Writing writing, int s, SourceRoot source, SourceEntry entry, TaskEndpoint destination) throws IOException {
        TapeRun run = writing.run;
        if (entry.kind() != SourceEntry.Kind.FILE) {
            if (entry.kind() == SourceEntry.Kind.SYMLINK) {
                run.log.warn(entry.relative(), "skipped: symbolic links are not followed");
            } else if (entry.kind() == SourceEntry.Kind.UNREADABLE_DIRECTORY) {
                run.log.error(entry.relative(), "directory cannot be read; its content was not archived");
                run.progress = run.progress.failed(0, s, entry.relative());
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
            in = writing.live.counting(Files.newInputStream(entry.absolute(), LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            run.log.error(entry.relative(), "failed: cannot read: " + e.getMessage());
            run.progress = run.progress.failed(entry.size(), s, entry.relative());
            return;
        }
        try (in) {
            AddResult result = writing.writer.add(path.substring(1), entry.size(), entry.mtime(), in, run.options.checksum());
            writing.written(result.written(), mtime);
            while (result.tapeFull()) {
                writing.nextTape();
                result = writing.writer.continueEntry(result.rest(), in);
                writing.written(result.written(), mtime);
            }
        }
        run.progress = run.progress.processed(entry.size(), true, s, entry.relative());
        writing.completedSources.add(entry.absolute());
        writing.live.fileDone();
    }

    private record Pending(WrittenEntry entry, java.time.Instant mtime) {
    }

    /** The tape file being written, and what it holds that is not committed yet. */
    private final class Writing {
        final TapeRun run;
        final TaskEndpoint destination;
        TapeMounter.Cartridge tape;
        TapeFileWriter writer;
        /** Entries on the open tape file, with the modification time the catalog records for each. */
        final List<Pending> entries = new ArrayList<>();
        final List<Path> completedSources = new ArrayList<>();
        final LiveProgress live;
        Long openFileId;

        Writing(TapeRun run, TaskEndpoint destination) throws IOException {
            this.run = run;
            this.destination = destination;
            this.live = new LiveProgress(run, store);
            open();
        }

        private void open() throws IOException {
            tape = mounter.cartridge(run.grant.tapeId());
            if (tape.writeProtect()) {
                // why: the flag an operator sets through the API binds like the cartridge's own tab
                throw new WriteProtectedException("tape " + tape.barcode() + " is write-protected: nothing was written to it");
            }
            labels.ensureLabelled(run, tape);
            tape = mounter.cartridge(run.grant.tapeId());
            run.device.seekFile(tape.fileCount());
            writer = TapeFileWriter.open(run.device, tape.free(), TapeFormat.DEFAULT_AGGREGATION_LIMIT);
        }

        void written(WrittenEntry entry, java.time.Instant mtime) {
            if (entry != null) {
                entries.add(new Pending(entry, mtime));
            }
        }

        /** The cartridge is full mid-file: commit what it holds, lease the pool's next cartridge, go on there. */
        void nextTape() throws IOException {
            // The checkpoint must not pass the file being split: its first part is committed, the file is not.
            commitTapeFile(false, false);
            if (destination.isTape()) {
                throw new TapeFullException("tape " + tape.barcode() + " is full; the task names this tape only, so the archive cannot go on");
            }
            long next = allocator.switchTape(run.id(), run.grant.libraryId(), null, destination.poolId())
                    .orElseThrow(() -> new TapeFullException("pool " + destination.poolName() + " has no writable tape with free space left"));
            run.log.info(null, "tape " + tape.barcode() + " is full; continuing on the next tape of pool " + destination.poolName());
            mounter.unload(run.grant.libraryId(), run.grant.driveNumber());
            run.grant = new DriveAllocator.Grant(run.grant.driveId(), run.grant.driveNumber(), run.grant.libraryId(), next);
            run.device = mounter.mount(run.grant);
            open();
        }

        /** Closes the open tape file without committing it: the next write at this position replaces it. */
        void abandon() {
            try {
                writer.close();
            } catch (IOException e) {
                run.log.warn(null, "tape file " + writer.tapeFile() + " of " + tape.barcode() + " left incomplete: " + e.getMessage());
            }
        }

        /** Closes the tape file, commits it with the checkpoint and opens the next one (nothing is written until an entry comes). */
        void commit(boolean move) throws IOException {
            commitTapeFile(true, move);
            tape = mounter.cartridge(run.grant.tapeId());
            writer = TapeFileWriter.open(run.device, tape.free(), TapeFormat.DEFAULT_AGGREGATION_LIMIT);
        }

        private void commitTapeFile(boolean checkpoint, boolean move) throws IOException {
            writer.close();
            if (writer.entryCount() > 0) {
                record(checkpoint);
            } else if (checkpoint) {
                store.progress(run.execution, run.progress, run.bandwidth(), null, statusText(), run.log.drain());
                live.committed();
            }
            if (move && checkpoint) {
                for (Path source : completedSources) {
                    try {
                        Files.delete(source);
                    } catch (IOException e) {
                        run.log.error(source.toString(), "archived but the source could not be deleted: " + e.getMessage());
                    }
                }
            }
            if (checkpoint) {
                completedSources.clear();
            }
        }

        void record(boolean checkpoint) {
            book.atomically(() -> recordNow(checkpoint));
        }

        private void recordNow(boolean checkpoint) {
            for (Pending pending : entries) {
                WrittenEntry entry = pending.entry();
                String path = "/" + entry.path();
                if (entry.partOffset() == 0) {
                    openFileId = catalog.addFile(path, entry.size(), pending.mtime(), entry.fileChecksum(), run.options.checksum().name(),
                            run.task.id(), run.id());
                } else if (entry.completesFile()) {
                    catalog.completeFile(openFileId, entry.fileChecksum());
                }
                catalog.addTapeCopy(openFileId, tape.id(), tape.barcode(), entry.tapeFile(), entry.entryIndex(), entry.partOffset(), entry.partLength());
                run.log.info(path, "archived on " + tape.barcode() + " tape file " + entry.tapeFile() + " entry " + entry.entryIndex()
                        + (entry.split() ? " (part " + entry.part() + ", bytes " + entry.partOffset() + "+" + entry.partLength() + ")" : ""));
            }
            book.tapeFileWritten(tape.id(), writer.tapeFile(), writer.bytesUsed());
            entries.clear();
            if (checkpoint) {
                store.progress(run.execution, run.progress, run.bandwidth(), null, statusText(), run.log.drain());
                live.committed();
            } else {
                store.log(run.id(), "INFO", null, "tape file " + writer.tapeFile() + " of " + tape.barcode() + " closed: the cartridge is full");
            }
        }

        private String statusText() {
            return "[2/3] archiving " + io.tapeflow.execution.Units.bytes(run.progress.processedSize()) + "/"
                    + io.tapeflow.execution.Units.bytes(run.execution.toProcessSize()) + " to " + tape.barcode();
        }
    }
}
