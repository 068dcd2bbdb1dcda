package io.tapeflow.archive;

import io.tapeflow.catalog.ArchivePath;
import io.tapeflow.catalog.CatalogStore;
import io.tapeflow.catalog.CatalogVersions;
import io.tapeflow.execution.ExecutionStore;
import io.tapeflow.execution.Units;
import io.tapeflow.library.DriveAllocator;
import io.tapeflow.library.TapeMounter;
import io.tapeflow.task.TaskStatus;
import io.tapeflow.tapeformat.TapeEntry;
import io.tapeflow.tapeformat.TapeFileReader;
import io.tapeflow.tapeformat.TapeFormat;
import io.tapeflow.tapeformat.TapeScanner;
import io.tapeflow.transfer.ChecksumType;
import io.tapeflow.transfer.StreamingChecksum;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the catalog of the task's tapes from what they hold ({@code scan} of a tape or a pool), so a tape written
 * elsewhere or a lost database can be recovered: checks each tape's label, then reads every tape file in order and
 * records each entry the catalog lacks as the archiver does (a file spanning cartridges becomes one catalog file
 * with a copy per part, all parts of one copy in one copy set; its checksum, of the task's {@code file_checksum}
 * type, is recomputed when its parts are read in order). Entries already catalogued are left as they are, so a scan can run again. Each tape file's rows
 * are committed with the checkpoint; the tape's file count and free space are set from what was read.
 */
@Singleton
class TapeCatalogScanner implements TapeWork {

    private final TapeBook book;
    private final TapeMounter mounter;
    private final CartridgeChanger changer;
    private final TapeLabels labels;
    private final CatalogStore catalog;
    private final CatalogVersions versions;
    private final ExecutionStore store;

    TapeCatalogScanner(TapeBook book, TapeMounter mounter, CartridgeChanger changer, TapeLabels labels, CatalogStore catalog,
                       CatalogVersions versions, ExecutionStore store) {
        this.book = book;
        this.mounter = mounter;
        this.changer = changer;
        this.labels = labels;
        this.catalog = catalog;
        this.versions = versions;
        this.store = store;
    }

    @Override
    public DriveAllocator.Need need(TapeRun run) {
        List<Long> tapes = TapeFormatter.tapes(book, run);
        if (run.execution.checkpointSource() >= tapes.size()) {
            return null;
        }
        long tape = tapes.get(run.execution.checkpointSource());
        return new DriveAllocator.Need(run.id(), run.task.id(), run.task.priority(), book.libraryOfTape(tape), tape, null);
    }

    @Override
    public Outcome work(TapeRun run) throws IOException {
        List<Long> tapes = TapeFormatter.tapes(book, run);
        if (!run.execution.planned()) {
            // The database's figures are only an estimate of what the tapes hold: that is what the scan finds out.
            store.planned(run.execution, tapes.stream().mapToLong(catalog::copiesOn).sum(), book.usedBytes(tapes));
            run.reload();
        }
        store.changeStatus(run.execution, TaskStatus.in_progress, "[2/3] scanning");
        try (Scan scan = new Scan(run)) {
            for (int t = run.execution.checkpointSource(); t < tapes.size(); t++) {
                Outcome control = scan.tape(t, tapes.get(t), t == run.execution.checkpointSource() ? run.execution.checkpointPath() : null);
                if (control != null) {
                    return control;
                }
            }
            scan.finish(tapes.size());
            return Outcome.FINISHED;
        }
    }

    /** What a spanning file is known by before it has a catalog row: path, size and modification time. */
    private record Version(String path, long size, FileTime mtime) {
    }

    /** An entry as read, with the checksum to record (a spanning file's once its last part is read) or why it cannot be. */
    private record Found(TapeEntry entry, String path, String checksum, String problem) {
        boolean completes() {
            return entry.partOffset() + entry.size() == entry.totalSize();
        }

        Version version() {
            return new Version(path, entry.totalSize(), entry.mtime());
        }
    }

    /** Where a scan of a tape stands: the next tape file and the bytes of those before it (-1 if one was unreadable). */
    private record Position(int tapeFile, long used) {
        static Position of(String checkpoint) {
            if (checkpoint == null) {
                return new Position(1, TapeFormat.LABEL_BLOCK_SIZE);
            }
            String[] parts = checkpoint.split(":");
            return new Position(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
        }

        @Override
        public String toString() {
            return tapeFile + ":" + used;
        }
    }

    /** One job's share of a scan, and the spanning files whose parts it has read so far. */
    private final class Scan implements AutoCloseable {
        private final TapeRun run;
        private final ChecksumType type;
        private final LiveProgress live;
        private final SpanningChecksums<Version> spanning = new SpanningChecksums<>();
        /** The catalog file of each spanning file whose earlier parts this job recorded. */
        private final Map<Version, Long> spanningFiles = new HashMap<>();
        private final long sliceEnd = System.nanoTime() + TapeWorkflowRunner.SLICE.toNanos();
        private TapeMounter.Cartridge tape;
        /** The spanning file whose part is being read, so an unreadable tape file does not leave it half-checksummed. */
        private Version feeding;
        private int catalogued;

        Scan(TapeRun run) {
            this.run = run;
            this.type = run.options.checksum();
            this.live = new LiveProgress(run, store, "scanning");
        }

        /** Scans one tape from the checkpoint on; answers a pause, stop or hand-over, or null when the tape is done. */
        Outcome tape(int t, long tapeId, String checkpoint) throws IOException {
            changer.load(run, tapeId);
            tape = mounter.cartridge(tapeId);
            catalogued = 0;
            int end = run.device.seekEndOfData();
            if (end == 0) {
                tapeDone(t, 0, 0, "a blank tape");
                return null;
            }
            try {
                labels.requireLabel(run, tape, "its catalog was not rebuilt");
            } catch (IOException e) {
                run.log.error(tape.barcode(), "not scanned: " + e.getMessage());
                run.progress = run.progress.failed(0, t + 1, null);
                checkpoint();
                return null;
            }
            Position at = Position.of(checkpoint);
            run.device.seekFile(at.tapeFile());
            for (int tapeFile = at.tapeFile(); tapeFile < end; tapeFile++) {
                // why: a spanning file's running checksum lives in memory: stop or hand over only between files
                if (spanning.isEmpty()) {
                    Outcome control = run.requested();
                    if (control != null || System.nanoTime() > sliceEnd) {
                        run.progress = run.progress.at(t, at.toString());
                        checkpoint();
                        return control != null ? control : Outcome.HANDED_OVER;
                    }
                }
                at = readTapeFile(t, at);
            }
            tapeDone(t, end, at.used(), end + " tape files, " + catalogued + " entries catalogued anew"
                    + (at.used() < 0 ? "; its free space is left as it was, as a tape file could not be measured" : ""));
            return null;
        }

        /** Reads the tape file at {@code at}, records what the catalog lacks of it, and answers where the scan goes on. */
        private Position readTapeFile(int t, Position at) throws IOException {
            int tapeFile = at.tapeFile();
            List<Found> found = new ArrayList<>();
            long bytes;
            try {
                bytes = TapeScanner.readTapeFile(run.device, tapeFile, (entry, reader) -> found.add(read(entry, reader)));
            } catch (IOException e) {
                if (feeding != null) {
                    spanning.end(feeding);
                    feeding = null;
                }
                run.log.error(tape.barcode(), "tape file " + tapeFile + " is unreadable after " + found.size() + " entries: " + e.getMessage());
                run.progress = run.progress.failed(0, t, null);
                run.device.seekFile(tapeFile + 1);
                bytes = -1;
            }
            Position next = new Position(tapeFile + 1, at.used() < 0 || bytes < 0 ? -1 : at.used() + bytes);
            book.atomically(() -> {
                Map<Integer, Long> present = versions.copiesIn(tape.id(), tapeFile);
                for (Found entry : found) {
                    record(t, tapeFile, entry, present.get(entry.entry().entryIndex()));
                }
                run.progress = run.progress.at(t, next.toString());
                checkpoint();
            });
            return next;
        }

        private Found read(TapeEntry entry, TapeFileReader reader) throws IOException {
            String path;
            try {
                path = ArchivePath.normalize("/" + entry.path());
            } catch (IllegalArgumentException e) {
                return new Found(entry, null, null, e.getMessage());
            }
            if (!entry.split()) {
                try (StreamingChecksum checksum = type.start()) {
                    reader.feed(checksum, live::add);
                    return new Found(entry, path, checksum.hex(), null);
                }
            }
            Version version = new Version(path, entry.totalSize(), entry.mtime());
            SpanningChecksums.Chain chain = entry.partOffset() == 0 ? spanning.start(version, path, type)
                    : spanning.continuing(version, entry.partOffset());
            if (chain == null) {
                chain = spanning.orphan(version, path, entry.partOffset(), "its earlier parts were not read by this scan");
            }
            feeding = version;
            reader.feed(chain.checksum(), live::add);
            feeding = null;
            chain.advance(entry.size(), tape.barcode());
            boolean completes = entry.partOffset() + entry.size() == entry.totalSize();
            return new Found(entry, path, completes ? spanning.complete(version) : null, null);
        }

        /** Adds the entry to the catalog unless it is there: to the file version it belongs to, else as a new file. */
        private void record(int t, int tapeFile, Found found, Long present) {
            TapeEntry entry = found.entry();
            if (found.problem() != null) {
                run.log.error(entry.name(), "not catalogued (" + tape.barcode() + " tape file " + tapeFile + " entry " + entry.entryIndex()
                        + "): " + found.problem());
                run.progress = run.progress.failed(entry.size(), t, null);
                return;
            }
            Long fileId = present;
            if (fileId == null) {
                fileId = catalogue(tapeFile, found);
            }
            if (entry.split()) {
                if (found.completes()) {
                    spanningFiles.remove(found.version());
                    if (found.checksum() != null) {
                        catalog.checksumIfUnknown(fileId, found.checksum());
                    }
                } else {
                    spanningFiles.put(found.version(), fileId);
                }
            }
            if (!found.completes()) {
                run.progress = run.progress.partial(entry.size(), t, null);
            } else if (present != null) {
                run.progress = run.progress.skipped(entry.size(), t, null);
            } else {
                run.progress = run.progress.processed(entry.size(), true, t, null);
            }
        }

        private long catalogue(int tapeFile, Found found) {
            TapeEntry entry = found.entry();
            Instant mtime = entry.mtime().toInstant();
            Long fileId;
            if (!entry.split()) {
                fileId = versions.whole(found.path(), entry.size(), mtime, type.name(), found.checksum(), tape.id()).orElse(null);
            } else if (entry.partOffset() > 0 && spanningFiles.containsKey(found.version())) {
                fileId = spanningFiles.get(found.version());
            } else {
                fileId = versions.spanning(found.path(), entry.totalSize(), mtime, entry.partOffset(), tape.id()).orElse(null);
            }
            boolean newFile = fileId == null;
            if (newFile) {
                fileId = catalog.addFile(found.path(), entry.totalSize(), mtime, entry.split() ? null : found.checksum(), type.name(),
                        run.task.id(), run.id());
            }
            long copySet = versions.copySet(fileId, entry.split(), entry.partOffset(), entry.partOffset() + entry.size(), run.id());
            catalog.addTapeCopy(fileId, tape.id(), tape.barcode(), tapeFile, entry.entryIndex(), entry.partOffset(), entry.size(), copySet);
            catalogued++;
            run.log.info(found.path(), "catalogued from " + tape.barcode() + " tape file " + tapeFile + " entry " + entry.entryIndex()
                    + (entry.split() ? " (part " + entry.part() + ", bytes " + entry.partOffset() + "+" + entry.size() + ")" : "")
                    + (newFile ? "" : entry.split() ? " into catalog file " + fileId : " as another copy of catalog file " + fileId));
            if (newFile && entry.split() && found.completes() && found.checksum() == null) {
                run.log.warn(found.path(), "its checksum was not recomputed: its earlier parts were not read by this scan");
            }
            return fileId;
        }

        /** The tape is read: its figures are what was found, and the checkpoint moves to the next tape. */
        private void tapeDone(int t, int tapeFiles, long used, String summary) {
            book.atomically(() -> {
                book.scanned(tape.id(), tapeFiles, used);
                run.log.info(tape.barcode(), "scanned: " + summary);
                run.progress = run.progress.at(t + 1, null);
                checkpoint();
            });
        }

        /** Spanning files whose last part no tape of the task holds keep the checksum the catalog had. */
        void finish(int tapes) {
            for (SpanningChecksums.Chain open : spanning.unfinished()) {
                run.log.warn(open.path(), "its checksum was not recomputed: its later parts are on tapes this scan did not read");
            }
            run.progress = run.progress.at(tapes, null);
            checkpoint();
        }

        private void checkpoint() {
            store.progress(run.execution, run.progress, run.bandwidth(), null, "[2/3] scanning" + (tape == null ? "" : " " + tape.barcode())
                    + ": " + Units.bytes(run.progress.processedSize()) + " read", run.log.drain());
            live.fileDone();
            live.committed();
        }

        @Override
        public void close() {
            spanning.close();
        }
    }
}
