package io.tapeflow.archive;

import io.tapeflow.execution.ExecutionStore;
import io.tapeflow.execution.Units;
import io.tapeflow.library.DriveAllocator;
import io.tapeflow.library.TapeMounter;
import io.tapeflow.task.TaskStatus;
import io.tapeflow.tapeformat.TapeEntry;
import io.tapeflow.transfer.StreamingChecksum;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.List;

/**
 * Checks that the task's tapes hold what the catalog says ({@code check_consistency}): reads every catalogued entry
 * back, tape after tape in physical order, and compares its checksum with the catalog's as a restore does, writing
 * nothing. A file spanning cartridges is checked whole when its last part is read. A checksum mismatch, an entry
 * missing from its tape file and an unreadable tape file are each logged (path, tape, tape file, expected against
 * found) and counted as failed.
 */
@Singleton
class TapeVerifier implements TapeWork {

    private final CheckedTapes checked;
    private final RestoreQueue queue;
    private final TapeBook book;
    private final TapeMounter mounter;
    private final CartridgeChanger changer;
    private final TapeLabels labels;
    private final ExecutionStore store;

    TapeVerifier(CheckedTapes checked, RestoreQueue queue, TapeBook book, TapeMounter mounter, CartridgeChanger changer,
                 TapeLabels labels, ExecutionStore store) {
        this.checked = checked;
        this.queue = queue;
        this.book = book;
        this.mounter = mounter;
        this.changer = changer;
        this.labels = labels;
        this.store = store;
    }

    @Override
    public DriveAllocator.Need need(TapeRun run) {
        List<Long> tapes = checked.of(run);
        if (run.execution.checkpointSource() >= tapes.size()) {
            return null;
        }
        long tape = tapes.get(run.execution.checkpointSource());
        return new DriveAllocator.Need(run.id(), run.task.id(), run.task.priority(), book.libraryOfTape(tape), tape, null);
    }

    @Override
    public Outcome work(TapeRun run) throws IOException {
        List<Long> tapes = checked.of(run);
        if (!run.execution.planned()) {
            for (long lost : checked.lost(run)) {
                run.log.warn(mounter.cartridge(lost).barcode(), "not checked: the tape is marked lost");
            }
            long[] totals = checked.totals(tapes);
            store.planned(run.execution, totals[0], totals[1]);
            run.reload();
        }
        store.changeStatus(run.execution, TaskStatus.in_progress, "[2/3] verifying");
        try (Check check = new Check(run)) {
            return check.tapes(tapes);
        }
    }

    /** One job's share of a check: the tape being read and the spanning files read in part. */
    private final class Check implements AutoCloseable {
        private final TapeRun run;
        private final LiveProgress live;
        private final SpanningChecksums<Long> spanning = new SpanningChecksums<>();
        private final TapeReading reading;
        private final long sliceEnd = System.nanoTime() + TapeWorkflowRunner.SLICE.toNanos();
        private long lastCheckpoint = System.nanoTime();
        private int tapeIndex;
        private long tapeId = -1;
        private String barcode;
        /** Why nothing on the loaded tape can be read (a foreign label); null when it is the tape expected. */
        private String unreadableTape;
        private int unreadableTapeFile = -1;
        private String unreadableWhy;

        Check(TapeRun run) {
            this.run = run;
            this.live = new LiveProgress(run, store, "verifying");
            this.reading = new TapeReading(run, changer, false);
        }

        Outcome tapes(List<Long> tapes) throws IOException {
            for (tapeIndex = run.execution.checkpointSource(); tapeIndex < tapes.size(); tapeIndex++) {
                long tape = tapes.get(tapeIndex);
                String after = tapeIndex == run.execution.checkpointSource() ? run.execution.checkpointPath() : null;
                for (List<RestoreQueue.Item> items = queue.onTape(tape, after); !items.isEmpty();
                     items = queue.onTape(tape, items.get(items.size() - 1).checkpoint())) {
                    for (RestoreQueue.Item item : items) {
                        // why: a spanning file's running checksum lives in memory: stop or hand over only between files
                        if (spanning.isEmpty()) {
                            Outcome control = run.requested();
                            if (control != null || System.nanoTime() > sliceEnd) {
                                checkpoint();
                                return control != null ? control : Outcome.HANDED_OVER;
                            }
                        }
                        if (tape != tapeId) {
                            load(tape);
                        }
                        check(item);
                        live.fileDone();
                        if (spanning.isEmpty() && System.nanoTime() - lastCheckpoint > 1_000_000_000L) {
                            checkpoint();
                        }
                    }
                }
                run.progress = run.progress.at(tapeIndex + 1, null);
            }
            for (SpanningChecksums.Chain open : spanning.unfinished()) {
                if (!open.counted) {
                    run.log.warn(open.path(), "not checked whole (parts read on " + String.join(" + ", open.tapes())
                            + "): its later parts are on tapes this check does not read");
                    run.progress = run.progress.skipped(0, tapes.size(), null);
                }
            }
            spanning.close();
            checkpoint();
            return Outcome.FINISHED;
        }

        private void load(long tape) throws IOException {
            reading.close();
            changer.load(run, tape); // why: loaded here, not by the first seek, so its label is checked first
            TapeMounter.Cartridge cartridge = mounter.cartridge(tape);
            tapeId = tape;
            barcode = cartridge.barcode();
            unreadableTapeFile = -1;
            try {
                labels.requireLabel(run, cartridge, "its files were not checked");
                unreadableTape = null;
            } catch (IOException e) {
                unreadableTape = e.getMessage();
            }
        }

        private void check(RestoreQueue.Item item) {
            String place = barcode + " tape file " + item.tapeFile() + " entry " + item.position();
            if (unreadableTape != null) {
                failed(item, place, unreadableTape);
                return;
            }
            if (item.tapeFile() == unreadableTapeFile) {
                failed(item, place, "the tape file is unreadable: " + unreadableWhy);
                return;
            }
            try {
                TapeEntry entry = reading.seek(item.tapeId(), item.tapeFile(), item.position());
                String differs = entry == null ? "missing from the tape: the tape file ends before this entry" : differs(entry, item);
                if (differs != null) {
                    failed(item, place, differs);
                } else if (item.whole()) {
                    checkWhole(item, place);
                } else {
                    checkPart(item, place);
                }
            } catch (IOException e) {
                reading.close();
                unreadableTapeFile = item.tapeFile();
                unreadableWhy = e.getMessage() == null ? e.toString() : e.getMessage();
                failed(item, place, "the tape file is unreadable: " + unreadableWhy);
            }
        }

        private void checkWhole(RestoreQueue.Item item, String place) throws IOException {
            try (StreamingChecksum checksum = CatalogCheck.checksumType(item).start()) {
                long read = reading.feed(checksum, live::add);
                verdict(item, place, CatalogCheck.mismatch(checksum.hex(), read, item));
            }
        }

        /** Feeds the part to its file's running checksum; the last part decides for the whole file. */
        private void checkPart(RestoreQueue.Item item, String place) throws IOException {
            SpanningChecksums.Chain chain = item.partOffset() == 0
                    ? spanning.start(item.fileId(), item.path(), CatalogCheck.checksumType(item))
                    : spanning.continuing(item.fileId(), item.partOffset());
            if (chain == null) {
                chain = spanning.orphan(item.fileId(), item.path(), item.partOffset(), "its earlier parts are on tapes this check does not read");
                run.log.warn(item.path(), "not checked whole (part on " + place + "): " + chain.problem);
            }
            reading.feed(chain.checksum(), live::add);
            chain.advance(item.partLength(), barcode);
            if (!completes(item)) {
                run.progress = run.progress.partial(item.partLength(), tapeIndex, item.checkpoint());
                return;
            }
            boolean sound = chain.problem == null;
            boolean counted = chain.counted;
            long read = chain.read();
            String parts = String.join(" + ", chain.tapes()) + ", last part on " + place;
            String checksum = spanning.complete(item.fileId());
            if (sound) {
                verdict(item, parts, CatalogCheck.mismatch(checksum, read, item));
            } else if (counted) {
                run.progress = run.progress.partial(item.partLength(), tapeIndex, item.checkpoint());
            } else {
                run.progress = run.progress.skipped(item.partLength(), tapeIndex, item.checkpoint());
            }
        }

        private void verdict(RestoreQueue.Item item, String place, String mismatch) {
            if (mismatch != null) {
                run.log.error(item.path(), "checksum mismatch on " + place + ": " + mismatch);
                run.progress = run.progress.failed(item.partLength(), tapeIndex, item.checkpoint());
            } else {
                run.log.info(item.path(), "verified on " + place);
                run.progress = run.progress.processed(item.partLength(), true, tapeIndex, item.checkpoint());
            }
        }

        /** The entry could not be checked: the file fails (once, however many of its parts fail). */
        private void failed(RestoreQueue.Item item, String place, String why) {
            run.log.error(item.path(), "failed on " + place + ": " + why);
            if (item.whole()) {
                run.progress = run.progress.failed(item.partLength(), tapeIndex, item.checkpoint());
                return;
            }
            SpanningChecksums.Chain chain = item.partOffset() == 0 ? null : spanning.continuing(item.fileId(), item.partOffset());
            if (chain == null) {
                chain = spanning.orphan(item.fileId(), item.path(), item.partOffset(), why);
            }
            chain.problem = why;
            chain.advance(item.partLength(), barcode);
            boolean first = !chain.counted;
            chain.counted = true;
            if (completes(item)) {
                spanning.end(item.fileId());
            }
            run.progress = first ? run.progress.failed(item.partLength(), tapeIndex, item.checkpoint())
                    : run.progress.partial(item.partLength(), tapeIndex, item.checkpoint());
        }

        private void checkpoint() {
            store.progress(run.execution, run.progress, run.bandwidth(), null, "[2/3] verifying " + Units.bytes(run.progress.processedSize())
                    + "/" + Units.bytes(run.execution.toProcessSize()) + (barcode == null ? "" : " on " + barcode), run.log.drain());
            live.committed();
            lastCheckpoint = System.nanoTime();
        }

        @Override
        public void close() {
            reading.close();
            spanning.close();
        }
    }

    private static boolean completes(RestoreQueue.Item item) {
        return item.partOffset() + item.partLength() == item.size();
    }

    /** Null when the entry is the one the catalog names at its place; else what the tape holds there instead. */
    private static String differs(TapeEntry entry, RestoreQueue.Item item) {
        String expected = item.path().substring(1);
        if (entry.path().equals(expected) && entry.partOffset() == item.partOffset() && entry.size() == item.partLength()) {
            return null;
        }
        return "the catalog expects '" + expected + "' (" + item.partLength() + " bytes from byte " + item.partOffset()
                + "), the tape holds '" + entry.name() + "' (" + entry.size() + " bytes from byte " + entry.partOffset() + ")";
    }
}
