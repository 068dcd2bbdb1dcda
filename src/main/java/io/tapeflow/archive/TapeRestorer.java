package io.tapeflow.archive;

import io.tapeflow.catalog.ArchivePath;
import io.tapeflow.container.ContainerRoot;
import io.tapeflow.container.ContainerService;
import io.tapeflow.execution.ExecutionStore;
import io.tapeflow.library.DriveAllocator;
import io.tapeflow.task.TaskEndpoint;
import io.tapeflow.task.TaskStatus;
import io.tapeflow.tapeformat.TapeEntry;
import io.tapeflow.transfer.ConflictPolicy;
import io.tapeflow.transfer.FileCopier;
import io.tapeflow.transfer.StreamingChecksum;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;

/**
 * Restores files from a pool or a tape into a container folder: every source's files planned once
 * ({@link RestorePlan}), then read in one pass in physical order. Each file goes to a temp name, is checked
 * against the catalog's checksum, gets its modification time and is renamed into place under the task's
 * conflict resolution ({@link PublishBatch}). A file spanning cartridges is assembled part by part in its
 * temp file and published after its last part in physical order, when its checksum matches.
 */
@Singleton
class TapeRestorer implements TapeWork {

    private final RestorePlan plan;
    private final TapeBook book;
    private final CartridgeChanger changer;
    private final ContainerService containers;
    private final ExecutionStore store;

    TapeRestorer(RestorePlan plan, TapeBook book, CartridgeChanger changer, ContainerService containers, ExecutionStore store) {
        this.plan = plan;
        this.book = book;
        this.changer = changer;
        this.containers = containers;
        this.store = store;
    }

    /** Plans the run the first time (before it holds a drive); then the cartridge of the next part to read. */
    @Override
    public DriveAllocator.Need need(TapeRun run) {
        if (!run.execution.planned()) {
            plan.plan(run.id(), run.sources);
            long[] totals = plan.totals(run.id());
            store.planned(run.execution, totals[0], totals[1]);
            run.reload();
        }
        List<RestorePlan.Step> next = plan.next(run.id(), run.execution.checkpointPath(), 1);
        if (next.isEmpty()) {
            plan.clear(run.id());
            return null;
        }
        long tape = next.get(0).item().tapeId();
        return new DriveAllocator.Need(run.id(), run.task.id(), run.task.priority(), book.libraryOfTape(tape), tape, null);
    }

    @Override
    public Outcome work(TapeRun run) throws IOException {
        if (run.destinations.size() != 1 || !run.destinations.get(0).isContainer()) {
            throw new IllegalStateException("a restore writes to exactly one container folder");
        }
        TaskEndpoint destination = run.destinations.get(0);
        ContainerRoot root = ContainerRoot.of(containers.find(destination.containerId()));
        List<String> bases = run.sources.stream().map(source -> source.path().equals("/") ? "/" : parent(source.path())).toList();
        store.changeStatus(run.execution, TaskStatus.in_progress, "[2/3] restoring");
        ConflictPolicy policy = ConflictPolicy.valueOf(run.task.conflictResolution().name().toUpperCase());
        byte[] buffer = new byte[1 << 20];
        PublishBatch batch = new PublishBatch(run, policy);
        long sliceEnd = System.nanoTime() + TapeWorkflowRunner.SLICE.toNanos();
        long lastCheckpoint = System.nanoTime();
        // One pass in physical order over every source's files: each cartridge loaded once, each tape file read forward once.
        try (TapeReading reading = new TapeReading(run, changer, false)) {
            for (List<RestorePlan.Step> steps = plan.next(run.id(), run.execution.checkpointPath(), RestorePlan.BATCH); !steps.isEmpty();
                 steps = plan.next(run.id(), steps.get(steps.size() - 1).item().checkpoint(), RestorePlan.BATCH)) {
                for (RestorePlan.Step step : steps) {
                    Outcome control = run.requested();
                    if (control != null || System.nanoTime() > sliceEnd) {
                        checkpoint(run, batch);
                        return control != null ? control : Outcome.HANDED_OVER;
                    }
                    RestoreQueue.Item item = step.item();
                    TapeEntry entry = reading.seek(item.tapeId(), item.tapeFile(), item.position());
                    Path target = root.resolve(destination.path() + "/" + ArchivePath.relativize(item.path(), bases.get(step.sourceIndex())));
                    restore(run, step, entry, reading, target, batch, buffer);
                    if (System.nanoTime() - lastCheckpoint > 1_000_000_000L) {
                        checkpoint(run, batch);
                        lastCheckpoint = System.nanoTime();
                    }
                }
            }
            checkpoint(run, batch);
        } finally {
            batch.discard(); // why: after a checkpoint nothing is left; after a failure, files no checkpoint covers
        }
        plan.clear(run.id());
        return Outcome.FINISHED;
    }

    private void restore(TapeRun run, RestorePlan.Step step, TapeEntry entry, TapeReading reader, Path target, PublishBatch batch,
                         byte[] buffer) throws IOException {
        RestoreQueue.Item item = step.item();
        int s = step.sourceIndex();
        if (entry == null) {
            batch.publish();
            run.log.error(item.path(), "failed: tape file " + item.tapeFile() + " has no entry " + item.position() + " (the tape differs from the catalog)");
            run.progress = run.progress.failed(item.partLength(), s, item.checkpoint());
            return;
        }
        Path temp = item.whole() ? FileCopier.createTempFor(target) : partTemp(target, item.fileId());
        String written;
        try (StreamingChecksum checksum = CatalogCheck.checksumType(item).start();
             FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
             InputStream in = reader.content()) {
            out.position(item.partOffset());
            for (int n; (n = in.read(buffer)) > 0; ) {
                checksum.update(buffer, 0, n);
                out.write(ByteBuffer.wrap(buffer, 0, n));
            }
            if (!item.whole()) {
                out.force(true); // why: a part waits in its temp file for the next ones, maybe across a checkpoint
            }
            written = checksum.hex();
        }
        if (!step.completesFile()) {
            batch.publish();
            run.progress = run.progress.partial(item.partLength(), s, item.checkpoint());
            return;
        }
        // A whole file was checksummed on its way in; one assembled from parts is read back once, complete.
        String mismatch = CatalogCheck.mismatch(item.whole() ? written : checksumOf(temp, item, buffer), Files.size(temp), item);
        if (mismatch != null) {
            Files.deleteIfExists(temp);
            batch.publish();
            run.log.error(item.path(), "failed: restored bytes differ: " + mismatch);
            run.progress = run.progress.failed(item.partLength(), s, item.checkpoint());
            return;
        }
        if (item.mtime() != null) {
            Files.setLastModifiedTime(temp, FileTime.from(item.mtime()));
        }
        batch.add(temp, target, item, s);
    }

    private static String checksumOf(Path temp, RestoreQueue.Item item, byte[] buffer) throws IOException {
        try (StreamingChecksum checksum = CatalogCheck.checksumType(item).start(); InputStream in = Files.newInputStream(temp)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                checksum.update(buffer, 0, n);
            }
            return checksum.hex();
        }
    }

    /** The temp file a spanning file is assembled in: one name per catalog file, so every part finds it. */
    private static Path partTemp(Path target, long fileId) throws IOException {
        Files.createDirectories(target.getParent());
        return target.resolveSibling("." + target.getFileName() + ".tapeflow-" + String.format("%016x", fileId) + ".part");
    }

    /** Makes the files restored so far durable, then commits the counters and checkpoint that cover them. */
    private void checkpoint(TapeRun run, PublishBatch batch) throws IOException {
        batch.makeDurable();
        store.progress(run.execution, run.progress, run.bandwidth(), null,
                "[2/3] restoring " + io.tapeflow.execution.Units.bytes(run.progress.processedSize()) + "/"
                        + io.tapeflow.execution.Units.bytes(run.execution.toProcessSize()), run.log.drain());
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
