package io.tapeflow.archive;

import io.tapeflow.catalog.CatalogStore;
import io.tapeflow.execution.ExecutionStore;
import io.tapeflow.library.DriveAllocator;
import io.tapeflow.library.TapeMounter;
import io.tapeflow.task.TaskEndpoint;
import io.tapeflow.task.TaskStatus;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Formats the task's tapes (a tape, or every tape of a pool): writes a new label, which on tape
 * truncates everything after it. A tape holding catalogued files is refused unless option
 * {@code overwrite=true}, and then its catalog copies go with it. Option {@code tape_to_scratch} moves it
 * to the scratch pool. The checkpoint counts the tapes done, so a resumed run does not format twice.
 */
@Singleton
class TapeFormatter implements TapeWork {

    private final TapeBook book;
    private final TapeMounter mounter;
    private final CartridgeChanger changer;
    private final CatalogStore catalog;
    private final TapeLabels labels;
    private final ExecutionStore store;

    TapeFormatter(TapeBook book, TapeMounter mounter, CartridgeChanger changer, CatalogStore catalog, TapeLabels labels,
                  ExecutionStore store) {
        this.book = book;
        this.mounter = mounter;
        this.changer = changer;
        this.catalog = catalog;
        this.labels = labels;
        this.store = store;
    }

    static List<Long> tapes(TapeBook book, TapeRun run) {
        List<Long> tapes = new ArrayList<>();
        for (TaskEndpoint source : run.sources) {
            if (source.isContainer()) {
                throw new IllegalStateException("source " + source.id() + " is a container; " + run.execution.workflowAction()
                        + " works on pools and tapes");
            }
            tapes.addAll(book.tapesOf(source));
        }
        return tapes;
    }

    @Override
    public DriveAllocator.Need need(TapeRun run) {
        List<Long> tapes = tapes(book, run);
        int next = Math.min(run.execution.checkpointSource(), tapes.size() - 1);
        if (tapes.isEmpty()) {
            throw new IllegalStateException("the task's pools hold no tape");
        }
        long tape = tapes.get(next);
        return new DriveAllocator.Need(run.id(), run.task.id(), run.task.priority(), book.libraryOfTape(tape), tape, null);
    }

    @Override
    public Outcome work(TapeRun run) throws IOException {
        List<Long> tapes = tapes(book, run);
        if (!run.execution.planned()) {
            store.planned(run.execution, tapes.size(), 0);
            run.reload();
        }
        store.changeStatus(run.execution, TaskStatus.in_progress, "[2/3] formatting");
        for (int i = run.execution.checkpointSource(); i < tapes.size(); i++) {
            Outcome control = run.requested();
            if (control != null) {
                return control;
            }
            long tapeId = tapes.get(i);
            changer.load(run, tapeId);
            TapeMounter.Cartridge tape = mounter.cartridge(tapeId);
            long held = catalog.copiesOn(tapeId);
            if (held > 0 && !run.options.overwrite()) {
                run.log.error(tape.barcode(), "not formatted: the catalog holds " + held + " files on it; set option overwrite=true to erase them");
                run.progress = run.progress.failed(0, i + 1, null);
                continue;
            }
            if (tape.writeProtect()) {
                run.log.error(tape.barcode(), "not formatted: the cartridge is write-protected");
                run.progress = run.progress.failed(0, i + 1, null);
                continue;
            }
            int index = i;
            relabel(run, run.device, tape, () -> {
                run.progress = run.progress.processed(0, true, index + 1, null);
                store.progress(run.execution, run.progress, 0, null, "[2/3] formatted " + tape.barcode(), run.log.drain());
            });
        }
        return Outcome.FINISHED;
    }

    /**
     * Writes a new label on the cartridge in {@code device} and, in one transaction with {@code checkpoint}, records
     * it empty (in the scratch pool with option {@code tape_to_scratch}) and forgets the catalog copies it held.
     */
    void relabel(TapeRun run, io.tapeflow.library.TapeDevice device, TapeMounter.Cartridge tape, Runnable checkpoint) throws IOException {
        long held = catalog.copiesOn(tape.id());
        long labelBytes = labels.write(device, tape);
        Long scratch = run.options.tapeToScratch() ? book.scratchPool() : null;
        book.atomically(() -> {
            if (held > 0) {
                catalog.forgetTape(tape.id());
            }
            book.formatted(tape.id(), labelBytes, scratch, run.options.tapeToScratch());
            run.log.info(tape.barcode(), "formatted" + (held > 0 ? "; " + held + " catalog copies on it were removed" : "")
                    + (run.options.tapeToScratch() ? "; moved to the scratch pool" : ""));
            checkpoint.run();
        });
    }
}
