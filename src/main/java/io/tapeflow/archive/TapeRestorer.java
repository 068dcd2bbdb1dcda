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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Restores files from a pool or a tape into a container folder, reading tapes in physical order. Each
 * file goes to a temp name, is checked against the catalog's checksum, gets its modification time and
 * is renamed into place under the task's conflict resolution. A file spanning cartridges is assembled
 * part by part in its temp file and published when its last byte is in and its checksum matches.
 */
@Singleton
class TapeRestorer implements TapeWork {

    private final RestoreQueue queue;
    private final TapeBook book;
    private final CartridgeChanger changer;
    private final ContainerService containers;
    private final ExecutionStore store;

    TapeRestorer(RestoreQueue queue, TapeBook book, CartridgeChanger changer, ContainerService containers, ExecutionStore store) {
        this.queue = queue;
        this.book = book;
        this.changer = changer;
        this.containers = containers;
        this.store = store;
    }

    @Override
    public DriveAllocator.Need need(TapeRun run) {
        for (int s = run.execution.checkpointSource(); s < run.sources.size(); s++) {
            TaskEndpoint source = run.sources.get(s);
            List<RestoreQueue.Item> items = queue.next(source, s == run.execution.checkpointSource() ? run.execution.checkpointPath() : null);
            if (!items.isEmpty()) {
                long tape = items.get(0).tapeId();
                return new DriveAllocator.Need(run.id(), run.task.id(), run.task.priority(), book.libraryOfTape(tape), tape, null);
            }
        }
        return null;
    }

    @Override
    public Outcome work(TapeRun run) throws IOException {
        if (run.destinations.size() != 1 || !run.destinations.get(0).isContainer()) {
            throw new IllegalStateException("a restore writes to exactly one container folder");
        }
        TaskEndpoint destination = run.destinations.get(0);
        ContainerRoot root = ContainerRoot.of(containers.find(destination.containerId()));
        if (!run.execution.planned()) {
            long files = 0;
            long bytes = 0;
            for (TaskEndpoint source : run.sources) {
                long[] totals = queue.totals(source);
                files += totals[0];
                bytes += totals[1];
            }
            store.planned(run.execution, files, bytes);
            run.reload();
        }
        store.changeStatus(run.execution, TaskStatus.in_progress, "[2/3] restoring");
        ConflictPolicy policy = ConflictPolicy.valueOf(run.task.conflictResolution().name().toUpperCase());
        Map<Long, Long> partsWritten = new HashMap<>();
        byte[] buffer = new byte[1 << 20];
        long sliceEnd = System.nanoTime() + TapeWorkflowRunner.SLICE.toNanos();
        long lastCheckpoint = System.nanoTime();
        for (int s = run.execution.checkpointSource(); s < run.sources.size(); s++) {
            TaskEndpoint source = run.sources.get(s);
            String base = source.path().equals("/") ? "/" : parent(source.path());
            String after = s == run.execution.checkpointSource() ? run.execution.checkpointPath() : null;
            try (TapeReading reading = new TapeReading(run, changer, false)) {
                for (List<RestoreQueue.Item> items = queue.next(source, after); !items.isEmpty();
                     items = queue.next(source, items.get(items.size() - 1).checkpoint())) {
                    for (RestoreQueue.Item item : items) {
                        Outcome control = run.requested();
                        if (control != null || System.nanoTime() > sliceEnd) {
                            checkpoint(run);
                            return control != null ? control : Outcome.HANDED_OVER;
                        }
                        TapeEntry entry = reading.seek(item.tapeId(), item.tapeFile(), item.position());
                        Path target = root.resolve(destination.path() + "/" + ArchivePath.relativize(item.path(), base));
                        restore(run, s, item, entry, reading, target, policy, partsWritten, buffer);
                        if (System.nanoTime() - lastCheckpoint > 1_000_000_000L) {
                            checkpoint(run);
                            lastCheckpoint = System.nanoTime();
                        }
                    }
                }
            }
            run.progress = run.progress.at(s + 1, null);
        }
        checkpoint(run);
        return Outcome.FINISHED;
    }

    private void restore(TapeRun run, int s, RestoreQueue.Item item, TapeEntry entry, TapeReading reader, Path target,
                         ConflictPolicy policy, Map<Long, Long> partsWritten, byte[] buffer) throws IOException {
        if (entry == null) {
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
            out.force(true);
            written = checksum.hex();
        }
        long done = partsWritten.merge(item.fileId(), item.partLength(), Long::sum);
        if (!item.whole() && done < item.size()) {
            run.progress = run.progress.partial(item.partLength(), s, item.checkpoint());
            return;
        }
        partsWritten.remove(item.fileId());
        // A whole file was checksummed on its way in; one assembled from parts is read back once, complete.
        String mismatch = CatalogCheck.mismatch(item.whole() ? written : checksumOf(temp, item, buffer), Files.size(temp), item);
        if (mismatch != null) {
            Files.deleteIfExists(temp);
            run.log.error(item.path(), "failed: restored bytes differ: " + mismatch);
            run.progress = run.progress.failed(item.partLength(), s, item.checkpoint());
            return;
        }
        if (item.mtime() != null) {
            Files.setLastModifiedTime(temp, FileTime.from(item.mtime()));
        }
        Path landed = FileCopier.publishTemp(temp, target, policy);
        if (landed == null) {
            run.log.info(item.path(), "skipped: " + target + " exists (conflict resolution ignore)");
            run.progress = run.progress.skipped(item.partLength(), s, item.checkpoint());
        } else {
            run.log.info(item.path(), "restored to " + landed + " from tape file " + item.tapeFile() + " entry " + item.position());
            run.progress = run.progress.processed(item.partLength(), true, s, item.checkpoint());
        }
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

    private void checkpoint(TapeRun run) {
        store.progress(run.execution, run.progress, run.bandwidth(), null,
                "[2/3] restoring " + io.tapeflow.execution.Units.bytes(run.progress.processedSize()) + "/"
                        + io.tapeflow.execution.Units.bytes(run.execution.toProcessSize()), run.log.drain());
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
