package io.tapeflow.archive;

import io.tapeflow.library.WriteProtectedException;
import io.tapeflow.library.TapeFullException;
import io.tapeflow.catalog.CatalogBatch;
import io.tapeflow.catalog.CatalogStore;
import io.tapeflow.execution.ExecutionStore;
import io.tapeflow.execution.PendingLog;
import io.tapeflow.execution.Units;
import io.tapeflow.library.TapeMounter;
import io.tapeflow.task.TaskEndpoint;
import io.tapeflow.tapeformat.AddResult;
import io.tapeflow.tapeformat.TapeFileWriter;
import io.tapeflow.tapeformat.TapeFormat;
import io.tapeflow.tapeformat.WrittenEntry;
import io.tapeflow.transfer.ChecksumType;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Writes a run's files to a pool or a tape as pax tar tape files: small files aggregated, a file larger
 * than what is left spanning to the next cartridge of the pool. Only once a tape file's mark is written
 * are its catalog rows, the cartridge's free space and the run's checkpoint committed, in one transaction. An archive
 * hands the rows of its files to that transaction as it goes ({@link CatalogTransaction}), so that the database works
 * while the tape file is written; copies of catalogued files are recorded at the commit, once their bytes are checked.
 */
@Singleton
class TapeOutput {

    private static final Logger LOG = LoggerFactory.getLogger(TapeOutput.class);

    private final TapeMounter mounter;
    private final CartridgeChanger changer;
    private final TapeBook book;
    private final CatalogStore catalog;
    private final ExecutionStore store;
    private final TapeLabels labels;
    private final TransactionOperations<Connection> transactions;

    /** A tape file's new file versions go to its catalog transaction this many at a time. */
    private static final int ROWS_PER_STEP = 1000;

    TapeOutput(TapeMounter mounter, CartridgeChanger changer, TapeBook book, CatalogStore catalog, ExecutionStore store, TapeLabels labels,
               TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
        this.mounter = mounter;
        this.changer = changer;
        this.book = book;
        this.catalog = catalog;
        this.store = store;
        this.labels = labels;
    }

    /**
     * Where a run writes: only tape {@code tapeId} when {@code poolId} is null, else the pool, spanning to
     * its next cartridge when one is full but never to one of {@code excluded}.
     */
    record Target(Long tapeId, Long poolId, String name, Set<Long> excluded) {

        static Target of(TaskEndpoint destination) {
            return destination.isTape() ? new Target(destination.tapeId(), null, destination.tapeBarcode(), Set.of())
                    : new Target(null, destination.poolId(), destination.poolName(), Set.of());
        }
    }

    /**
     * Starts writing new file versions on the cartridge in the run's writing drive.
     *
     * @param verb what the status text says the run does ("archiving")
     */
    Session open(TapeRun run, Target target, String verb) throws IOException {
        return new Session(run, target, verb, null);
    }

    /**
     * Starts writing copies of catalogued files on the cartridge in the run's writing drive.
     *
     * @param verb     what the status text says the run does ("duplicating")
     * @param onCopied catalogue work for a copied file, in the transaction that records its new copy
     */
    Session openCopies(TapeRun run, Target target, String verb, LongConsumer onCopied) throws IOException {
        return new Session(run, target, verb, onCopied);
    }

    /**
     * A file (or part) on the open tape file, not committed yet: a new file version when {@code copyOf} is null,
     * else a new copy of catalog file {@code copyOf}.
     */
    private record Pending(WrittenEntry entry, Instant mtime, Long copyOf, long tapeId, String barcode) {
    }

    /** The tape file being written, and what it holds that is not committed yet. */
    final class Session {
        private final TapeRun run;
        private final Target target;
        private final String verb;
        /** Null for new file versions, whose rows go to the database while the tape file is written. */
        private final LongConsumer onCopied;
        final LiveProgress live;
        private TapeMounter.Cartridge tape;
        private TapeFileWriter writer;
        private final List<Pending> entries = new ArrayList<>();
        /** Earlier parts of a copy spanning cartridges: its rows are written together, once its last part is on tape. */
        private final List<Pending> unfinishedCopy = new ArrayList<>();
        /** The file version whose parts are being written: a file spanning cartridges keeps it from its first part to its last. */
        private CatalogBatch.FileRow openFile;
        /** The open tape file's catalog transaction, once rows went to it; committed with the tape file. */
        private CatalogTransaction rows;

        private Session(TapeRun run, Target target, String verb, LongConsumer onCopied) throws IOException {
            this.run = run;
            this.target = target;
            this.verb = verb;
            this.onCopied = onCopied;
            this.live = new LiveProgress(run, store, verb);
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

        String barcode() {
            return tape.barcode();
        }

        /**
         * Writes one file from {@code in}, spanning cartridges if it must, and answers the entry that completes it.
         *
         * @param copyOf the catalog file this is a new copy of; null for a new file version
         */
        WrittenEntry write(String path, long size, FileTime mtime, InputStream in, ChecksumType checksum, Long copyOf) throws IOException {
            AddResult result = writer.add(path, size, mtime, in, checksum);
            WrittenEntry last = written(result.written(), mtime.toInstant(), copyOf, null);
            while (result.tapeFull()) {
                nextTape();
                result = writer.continueEntry(result.rest(), in);
                last = written(result.written(), mtime.toInstant(), copyOf, last);
            }
            return last;
        }

        private WrittenEntry written(WrittenEntry entry, Instant mtime, Long copyOf, WrittenEntry previous) {
            if (entry == null) {
                return previous;
            }
            entries.add(new Pending(entry, mtime, copyOf, tape.id(), tape.barcode()));
            if (onCopied == null && entries.size() >= ROWS_PER_STEP) {
                List<Pending> step = List.copyOf(entries);
                entries.clear();
                if (rows == null) {
                    rows = CatalogTransaction.begin(transactions, "catalog-rows-execution-" + run.id());
                }
                rows.add(() -> writeRows(step));
            }
            return entry;
        }

        /** Whether to commit now: the aggregation limit is reached or the cartridge is full. */
        boolean shouldClose() {
            return writer.shouldClose();
        }

        /** The copy of {@code fileId} is not to be catalogued (its bytes did not match): its entries stay on tape, unnamed. */
        void forget(long fileId) {
            entries.removeIf(p -> p.copyOf() != null && p.copyOf() == fileId);
            unfinishedCopy.removeIf(p -> p.copyOf() == fileId);
        }

        /** The cartridge is full mid-file: commit what it holds, lease the pool's next cartridge, go on there. */
        private void nextTape() throws IOException {
            // The checkpoint must not pass the file being split: its first part is committed, the file is not.
            commitTapeFile(false);
            if (target.poolId() == null) {
                throw new TapeFullException("tape " + tape.barcode() + " is full; the task names this tape only, so the run cannot go on");
            }
            String full = tape.barcode();
            changer.loadNextOfPool(run, target.poolId(), target.name(), target.excluded());
            run.log.info(null, "tape " + full + " is full; continuing on the next tape of pool " + target.name());
            open();
        }

        /** Closes the open tape file without committing it: the next write at this position replaces it. */
        void abandon() {
            if (rows != null) {
                rows.rollback();
                rows = null;
            }
            try {
                writer.close();
            } catch (IOException e) {
                run.log.warn(null, "tape file " + writer.tapeFile() + " of " + tape.barcode() + " left incomplete: " + e.getMessage());
            }
        }

        /** Closes the tape file, commits it with the checkpoint and opens the next one (nothing is written until an entry comes). */
        void commit() throws IOException {
            commitTapeFile(true);
            tape = mounter.cartridge(run.grant.tapeId());
            writer = TapeFileWriter.open(run.device, tape.free(), TapeFormat.DEFAULT_AGGREGATION_LIMIT);
        }

        private void commitTapeFile(boolean checkpoint) throws IOException {
            long closing = System.nanoTime();
            writer.close();
            long committing = System.nanoTime();
            if (writer.entryCount() > 0) {
                List<Pending> rest = List.copyOf(entries);
                entries.clear();
                Runnable last = () -> record(rest, checkpoint);
                if (rows == null) {
                    book.atomically(last);
                } else {
                    CatalogTransaction open = rows;
                    rows = null;
                    open.commit(last);
                }
                LOG.info("execution {}: tape file {} of {} committed: {} entries, {}; mark written in {} ms, catalog committed in {} ms",
                        run.id(), writer.tapeFile(), tape.barcode(), writer.entryCount(), Units.bytes(writer.bytesUsed()),
                        (committing - closing) / 1_000_000, (System.nanoTime() - committing) / 1_000_000);
            } else if (checkpoint) {
                store.progress(run.execution, run.progress, run.bandwidth(), null, statusText(), run.log.drain());
            }
            if (checkpoint) {
                live.committed();
            }
        }

        /** The last rows of the tape file just closed, its room on the cartridge, and the checkpoint past it. */
        private void record(List<Pending> rest, boolean checkpoint) {
            writeRows(rest);
            book.tapeFileWritten(tape.id(), writer.tapeFile(), writer.bytesUsed());
            if (checkpoint) {
                store.progress(run.execution, run.progress, run.bandwidth(), null, statusText(), run.log.drain());
            } else {
                store.log(run.id(), "INFO", null, "tape file " + writer.tapeFile() + " of " + tape.barcode() + " closed: the cartridge is full");
            }
        }

        /** Writes the rows of {@code written} entries and a log line for each, in the caller's transaction. */
        private void writeRows(List<Pending> written) {
            CatalogBatch batch = new CatalogBatch(run.task.id(), run.id());
            PendingLog lines = new PendingLog();
            List<Long> copied = new ArrayList<>();
            for (Pending pending : written) {
                if (pending.copyOf() == null) {
                    recordVersion(batch, pending, lines);
                } else if (!pending.entry().completesFile()) {
                    unfinishedCopy.add(pending);
                } else {
                    recordCopy(batch, pending, lines);
                    copied.add(pending.copyOf());
                }
            }
            catalog.write(batch);
            store.log(run.id(), lines.drain().lines());
            for (long fileId : copied) {
                onCopied.accept(fileId);
            }
        }

        private void recordVersion(CatalogBatch batch, Pending pending, PendingLog lines) {
            WrittenEntry entry = pending.entry();
            String path = "/" + entry.path();
            if (entry.partOffset() == 0) {
                openFile = batch.newFile(path, entry.size(), pending.mtime(), entry.fileChecksum(), run.options.checksum().name());
            } else if (entry.completesFile()) {
                batch.complete(openFile, entry.fileChecksum());
            }
            addCopy(batch, openFile, pending);
            lines.info(path, "archived on " + where(pending));
        }

        private void recordCopy(CatalogBatch batch, Pending last, PendingLog lines) {
            long fileId = last.copyOf();
            CatalogBatch.FileRow file = CatalogBatch.existing(fileId);
            for (Pending part : unfinishedCopy) {
                if (part.copyOf() == fileId) {
                    addCopy(batch, file, part);
                }
            }
            unfinishedCopy.removeIf(p -> p.copyOf() == fileId);
            addCopy(batch, file, last);
            lines.info("/" + last.entry().path(), "copied to " + where(last));
        }

        private static void addCopy(CatalogBatch batch, CatalogBatch.FileRow file, Pending pending) {
            WrittenEntry entry = pending.entry();
            batch.copy(file, pending.tapeId(), pending.barcode(), entry.tapeFile(), entry.entryIndex(), entry.partOffset(), entry.partLength());
        }

        private static String where(Pending pending) {
            WrittenEntry entry = pending.entry();
            return pending.barcode() + " tape file " + entry.tapeFile() + " entry " + entry.entryIndex()
                    + (entry.split() ? " (part " + entry.part() + ", bytes " + entry.partOffset() + "+" + entry.partLength() + ")" : "");
        }

        private String statusText() {
            return "[2/3] " + verb + " " + Units.bytes(run.progress.processedSize()) + "/" + Units.bytes(run.execution.toProcessSize())
                    + " to " + tape.barcode();
        }
    }
}
