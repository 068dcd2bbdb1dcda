package io.tapeflow.archive;

import io.tapeflow.catalog.CatalogStore;
import io.tapeflow.execution.ExecutionStore;
import io.tapeflow.library.DriveAllocator;
import io.tapeflow.library.TapeDevice;
import io.tapeflow.library.TapeMounter;
import io.tapeflow.task.TaskEndpoint;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.function.LongConsumer;

/**
 * Rehydratation (tape space reclamation): rewrites the live files of a tape, those the catalog still holds
 * a copy of on it, onto other tapes of its pool (or the task's destination) with {@link TapeCopier}, then
 * formats it as {@link TapeFormatter} does (option {@code tape_to_scratch}: into the scratch pool). A
 * file's old copy is forgotten in the transaction that records its new one, after the new tape file's
 * mark, so no moment leaves a file without a copy; the tape is formatted only once the catalog holds
 * nothing on it. The checkpoint's source index turns 1 once it is formatted.
 */
@Singleton
class TapeRehydrator implements TapeWork, TapeCopier.Plan {

    private final TapeCopier copier;
    private final TapeBook book;
    private final TapeMounter mounter;
    private final CatalogStore catalog;
    private final CartridgeChanger changer;
    private final TapeFormatter formatter;
    private final ExecutionStore store;

    TapeRehydrator(TapeCopier copier, TapeBook book, TapeMounter mounter, CatalogStore catalog, CartridgeChanger changer,
                   TapeFormatter formatter, ExecutionStore store) {
        this.copier = copier;
        this.book = book;
        this.mounter = mounter;
        this.catalog = catalog;
        this.changer = changer;
        this.formatter = formatter;
        this.store = store;
    }

    @Override
    public DriveAllocator.Need need(TapeRun run) {
        if (run.execution.checkpointSource() > 0) {
            return null;
        }
        DriveAllocator.Need copying = copier.need(run, this);
        if (copying != null) {
            return copying;
        }
        // Nothing (left) to move: one drive to format the tape.
        long tape = rehydrated(run).tapeId();
        return new DriveAllocator.Need(run.id(), run.task.id(), run.task.priority(), book.libraryOfTape(tape), tape, null);
    }

    @Override
    public Outcome work(TapeRun run) throws IOException {
        if (run.readGrant != null) {
            Outcome copied = copier.copy(run, this);
            if (copied != Outcome.FINISHED) {
                return copied;
            }
        } else if (!run.execution.planned()) {
            store.planned(run.execution, 0, 0);
            run.reload();
        }
        return toScratch(run, rehydrated(run).tapeId());
    }

    @Override
    public RestoreQueue.Selection selection(TapeRun run) {
        return new RestoreQueue.Selection(rehydrated(run), null, true);
    }

    @Override
    public TapeOutput.Target target(TapeRun run) {
        long tapeId = rehydrated(run).tapeId();
        // Never onto the tape itself, nor a tape holding another part of a file it holds (the reading drive needs it).
        java.util.Set<Long> excluded = catalog.tapesSharingCopiesWith(tapeId);
        if (!run.destinations.isEmpty()) {
            TaskEndpoint destination = run.destinations.get(0);
            if (run.destinations.size() > 1 || destination.isContainer() || (destination.isTape() && destination.tapeId() == tapeId)) {
                throw new IllegalStateException("a rehydratation writes to one other tape or pool, or to the tape's own pool when the task "
                        + "names no destination");
            }
            TapeOutput.Target named = TapeOutput.Target.of(destination);
            return new TapeOutput.Target(named.tapeId(), named.poolId(), named.name(), excluded);
        }
        Long pool = book.poolOfTape(tapeId);
        if (pool == null) {
            throw new IllegalStateException("tape " + mounter.cartridge(tapeId).barcode() + " is in no pool: name a destination pool "
                    + "for its files");
        }
        return new TapeOutput.Target(null, pool, book.poolName(pool), excluded);
    }

    @Override
    public String verb() {
        return "rehydrating";
    }

    /** The tape itself first, so that it is this run's while most of its files are read (a file spanning it may start elsewhere). */
    @Override
    public long firstRead(TapeRun run, RestoreQueue.Item first) {
        return rehydrated(run).tapeId();
    }

    @Override
    public LongConsumer onCopied(TapeRun run) {
        long tapeId = rehydrated(run).tapeId();
        return fileId -> catalog.forgetCopyOn(fileId, tapeId);
    }

    /** The tape to free, as a source reading all of it. */
    private TaskEndpoint rehydrated(TapeRun run) {
        if (run.sources.size() != 1 || !run.sources.get(0).isTape()) {
            throw new IllegalStateException("a rehydratation frees exactly one tape: name it as the task's only source (tape_barcode)");
        }
        TaskEndpoint source = run.sources.get(0);
        if (book.lost(source.tapeId())) {
            throw new IllegalStateException("tape " + source.tapeBarcode() + " is marked lost: its files cannot be read from it");
        }
        return new TaskEndpoint(source.id(), source.taskId(), null, null, null, null, source.tapeId(), source.tapeBarcode(), "/");
    }

    /** Formats the tape once the catalog holds nothing on it. */
    private Outcome toScratch(TapeRun run, long tapeId) throws IOException {
        TapeMounter.Cartridge tape = mounter.cartridge(tapeId);
        long left = catalog.copiesOn(tapeId);
        if (left > 0) {
            run.log.error(tape.barcode(), "not formatted: the catalog still holds " + left + " copies on it (see the errors above); "
                    + "run the task again once they are solved");
            run.progress = run.progress.failed(0, 0, run.progress.checkpointPath());
            return Outcome.FINISHED;
        }
        Outcome control = run.requested();
        if (control != null) {
            return control;
        }
        TapeDevice device;
        if (run.readGrant != null) {
            changer.loadForReading(run, tapeId);
            device = run.readDevice;
        } else {
            changer.load(run, tapeId);
            device = run.device;
        }
        if (mounter.cartridge(tapeId).writeProtect()) {
            run.log.error(tape.barcode(), "its files were moved but it was not formatted: the cartridge is write-protected");
            run.progress = run.progress.failed(0, 0, run.progress.checkpointPath());
            return Outcome.FINISHED;
        }
        formatter.relabel(run, device, tape, () -> {
            run.progress = run.progress.at(1, null);
            store.progress(run.execution, run.progress, run.bandwidth(), null, "[2/3] " + tape.barcode() + " formatted", run.log.drain());
        });
        return Outcome.FINISHED;
    }
}
