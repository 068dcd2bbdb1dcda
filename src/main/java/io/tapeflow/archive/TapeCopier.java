package io.tapeflow.archive;

import io.tapeflow.execution.ExecutionStore;
import io.tapeflow.library.DriveAllocator;
import io.tapeflow.library.TapeMounter;
import io.tapeflow.task.TaskStatus;
import io.tapeflow.tapeformat.TapeEntry;
import io.tapeflow.tapeformat.WrittenEntry;
import io.tapeflow.transfer.ChecksumType;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Copies catalogued files tape to tape, a whole file at a time: reads its parts with the run's reading
 * drive (loading each part's cartridge in turn when the file spans several), writes it through
 * {@link TapeOutput} with the writing drive, checks the bytes against the catalog's checksum on the way,
 * and so adds a copy to the same catalog file once the tape file holding it is committed. The
 * checkpoint is the first part of the last file done, in physical order.
 */
@Singleton
class TapeCopier {

    /** What a tape-to-tape run copies, and where to. */
    interface Plan {

        /** The files to copy (first parts only). */
        RestoreQueue.Selection selection(TapeRun run);

        TapeOutput.Target target(TapeRun run);

        /** What the status text says the run does ("duplicating"). */
        String verb();

        /** Catalogue work once a file's new copy is recorded, in the same transaction. */
        LongConsumer onCopied(TapeRun run);

        /** The cartridge the reading drive gets first, given the first file to copy. */
        default long firstRead(TapeRun run, RestoreQueue.Item first) {
            return first.tapeId();
        }
    }

    private final RestoreQueue queue;
    private final TapeBook book;
    private final DriveAllocator allocator;
    private final TapeMounter mounter;
    private final CartridgeChanger changer;
    private final TapeOutput output;
    private final ExecutionStore store;

    TapeCopier(RestoreQueue queue, TapeBook book, DriveAllocator allocator, TapeMounter mounter, CartridgeChanger changer,
               TapeOutput output, ExecutionStore store) {
        this.queue = queue;
        this.book = book;
        this.allocator = allocator;
        this.mounter = mounter;
        this.changer = changer;
        this.output = output;
        this.store = store;
    }

    /** The two drives the next file needs, one reading its cartridge and one writing the target; null when none is left. */
    DriveAllocator.Need need(TapeRun run, Plan plan) {
        java.util.Optional<RestoreQueue.Item> first = queue.first(plan.selection(run), run.execution.checkpointPath());
        if (first.isEmpty()) {
            return null;
        }
        long readTape = plan.firstRead(run, first.get());
        return writing(run, plan.target(run)).reading(book.libraryOfTape(readTape), readTape);
    }

    private DriveAllocator.Need writing(TapeRun run, TapeOutput.Target target) {
        if (target.poolId() == null) {
            return new DriveAllocator.Need(run.id(), run.task.id(), run.task.priority(), book.libraryOfTape(target.tapeId()), target.tapeId(), null);
        }
        Long library = book.libraryOfPool(target.poolId());
        if (library == null) {
            throw new IllegalStateException("pool " + target.name() + " holds no tape");
        }
        // The allocator avoids only the cartridge being read; a target with more to avoid names its cartridge itself.
        Long tape = target.excluded().isEmpty() ? null : allocator.writableTape(target.poolId(), run.id(), target.excluded()).orElse(null);
        return new DriveAllocator.Need(run.id(), run.task.id(), run.task.priority(), library, tape, tape == null ? target.poolId() : null);
    }

    /** Plans the run once, then copies file after file until done, paused, stopped or the time slice is over. */
    TapeWork.Outcome copy(TapeRun run, Plan plan) throws IOException {
        RestoreQueue.Selection selection = plan.selection(run);
        if (!run.execution.planned()) {
            store.changeStatus(run.execution, TaskStatus.calculating, "[1/3] calculating");
            long[] totals = queue.totals(selection);
            store.planned(run.execution, totals[0], totals[1]);
            run.reload();
        }
        if (run.readGrant == null) {
            throw new IOException("the run holds no drive to read with");
        }
        TapeOutput.Session out = output.openCopies(run, plan.target(run), plan.verb(), plan.onCopied(run));
        store.changeStatus(run.execution, TaskStatus.in_progress, "[2/3] " + plan.verb() + " to " + out.barcode());
        try (TapeReading reading = new TapeReading(run, changer, true)) {
            return copyAll(run, selection, out, reading);
        } catch (IOException | RuntimeException | Error e) {
            // why: the drive stays this run's for the retry, which must find no tape file left open on it
            out.abandon();
            throw e;
        }
    }

    private TapeWork.Outcome copyAll(TapeRun run, RestoreQueue.Selection selection, TapeOutput.Session out, TapeReading reading)
            throws IOException {
        long sliceEnd = System.nanoTime() + TapeWorkflowRunner.SLICE.toNanos();
        for (List<RestoreQueue.Item> items = queue.next(selection, run.execution.checkpointPath()); !items.isEmpty();
             items = queue.next(selection, items.get(items.size() - 1).checkpoint())) {
            for (RestoreQueue.Item item : items) {
                TapeWork.Outcome control = run.requested();
                if (control != null) {
                    out.commit();
                    return control;
                }
                copyFile(run, selection, item, out, reading);
                if (out.shouldClose()) {
                    out.commit();
                }
                if (System.nanoTime() > sliceEnd) {
                    out.commit();
                    return TapeWork.Outcome.HANDED_OVER;
                }
            }
        }
        out.commit();
        return TapeWork.Outcome.FINISHED;
    }

    private void copyFile(TapeRun run, RestoreQueue.Selection selection, RestoreQueue.Item first, TapeOutput.Session out,
                          TapeReading reading) throws IOException {
        List<RestoreQueue.Item> parts = first.whole() ? List.of(first) : queue.parts(selection.source(), first.fileId());
        String unreadable = unreadable(run, parts, first);
        if (unreadable == null) {
            TapeEntry entry = reading.seek(first.tapeId(), first.tapeFile(), first.position());
            if (entry == null || entry.size() != first.partLength()) {
                unreadable = "tape file " + first.tapeFile() + " of " + barcode(first.tapeId()) + " has no entry " + first.position()
                        + " of " + first.partLength() + " bytes (the tape differs from the catalog)";
            }
        }
        if (unreadable != null) {
            run.log.error(first.path(), "not copied: " + unreadable);
            run.progress = run.progress.failed(first.size(), 0, first.checkpoint());
            return;
        }
        ChecksumType type;
        try {
            type = CatalogCheck.checksumType(first);
        } catch (IllegalArgumentException e) {
            run.log.error(first.path(), "not copied: its bytes cannot be checked: " + e.getMessage());
            run.progress = run.progress.failed(first.size(), 0, first.checkpoint());
            return;
        }
        FileTime mtime = FileTime.from(first.mtime() == null ? Instant.EPOCH : first.mtime());
        WrittenEntry last = out.write(first.path().substring(1), first.size(), mtime, out.live.counting(new PartStream(parts, reading)),
                type, first.fileId());
        out.live.fileDone();
        String mismatch = CatalogCheck.mismatch(last.fileChecksum(), first.size(), first);
        if (mismatch != null) {
            out.forget(first.fileId());
            run.log.error(first.path(), "not copied: " + mismatch + "; the copy written is not catalogued");
            run.progress = run.progress.failed(first.size(), 0, first.checkpoint());
            return;
        }
        run.progress = run.progress.processed(first.size(), true, 0, first.checkpoint());
    }

    /** Why the file's copy cannot be read with the run's reading drive; null when it can. */
    private String unreadable(TapeRun run, List<RestoreQueue.Item> parts, RestoreQueue.Item first) {
        long next = 0;
        for (RestoreQueue.Item part : parts) {
            if (part.partOffset() != next) {
                return "the catalog holds no whole copy of it on cartridges that are not lost";
            }
            next += part.partLength();
            if (part.tapeId() == run.grant.tapeId()) {
                return "a part is on " + barcode(part.tapeId()) + ", the tape being written";
            }
            if (mounter.cartridge(part.tapeId()).libraryId() != run.readGrant.libraryId()) {
                return "a part is on " + barcode(part.tapeId()) + ", in another library than the reading drive";
            }
        }
        return next == first.size() ? null : "the catalog holds no whole copy of it on cartridges that are not lost";
    }

    private String barcode(long tapeId) {
        return mounter.cartridge(tapeId).barcode();
    }

    /** A file's bytes read part after part, each from its cartridge; the first part's entry is sought already. */
    private static final class PartStream extends InputStream {
        private final List<RestoreQueue.Item> parts;
        private final TapeReading reading;
        private int index;
        private InputStream current;
        private long left;

        PartStream(List<RestoreQueue.Item> parts, TapeReading reading) {
            this.parts = parts;
            this.reading = reading;
            this.current = reading.content();
            this.left = parts.get(0).partLength();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            while (left == 0) {
                if (++index >= parts.size()) {
                    return -1;
                }
                RestoreQueue.Item part = parts.get(index);
                TapeEntry entry = reading.seek(part.tapeId(), part.tapeFile(), part.position());
                if (entry == null || entry.size() != part.partLength()) {
                    throw new IOException("tape file " + part.tapeFile() + " has no entry " + part.position() + " of " + part.partLength()
                            + " bytes for " + part.path() + " (the tape differs from the catalog)");
                }
                current = reading.content();
                left = part.partLength();
            }
            int n = current.read(buffer, offset, (int) Math.min(length, left));
            if (n < 0) {
                throw new IOException("an entry of " + parts.get(index).path() + " ended " + left + " bytes early");
            }
            left -= n;
            return n;
        }
    }
}
