package io.tapeflow.catalog;

import io.tapeflow.persistence.PathKey;
import io.tapeflow.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.tapeflow.persistence.DbTime;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the catalog: a row per archived file version and a row per copy (or part of one) on tape.
 * Callers write in the transaction that also moves the tape's free space and the run's checkpoint,
 * so the catalog only ever names tape files whose file mark the device confirmed.
 */
@Singleton
@io.micronaut.transaction.annotation.Transactional
public class CatalogStore {

    private final JdbcOperations jdbc;

    public CatalogStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** A file version; {@code checksum} may be null until its last part is on tape. */
    public long addFile(String path, long size, Instant mtime, String checksum, String checksumType, long taskId, long executionId) {
        return Sql.insert(jdbc, "INSERT INTO catalog_file (path, size, modification_date, checksum, checksum_type, task_id, execution_id, "
                + "creation_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", path, size, mtime, checksum, checksumType, taskId, executionId, DbTime.now());
    }

    /**
     * Writes a tape file's rows in JDBC batches: its new file versions, the checksums it completes, then its copies.
     * The ids of the new rows are read back rather than taken from {@code getGeneratedKeys}, which H2 and MariaDB
     * Connector/J do not answer alike for batches: ids are handed out in statement order above every id already
     * taken, and a run's rows are only inserted by that run, so its rows above the table's highest id before the batch
     * are the new rows, in order (read along the primary key, among the rows other runs insert meanwhile).
     */
    public void write(CatalogBatch batch) {
        List<CatalogBatch.FileRow> files = batch.newFiles();
        if (!files.isEmpty()) {
            long before = Sql.number(jdbc, "SELECT COALESCE(MAX(id), 0) FROM catalog_file");
            Instant now = DbTime.now();
            Sql.batch(jdbc, "INSERT INTO catalog_file (path, size, modification_date, checksum, checksum_type, task_id, execution_id, "
                    + "creation_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", files.stream().map(f -> Arrays.<Object>asList(f.path(), f.size(),
                    f.mtime(), f.checksum(), f.checksumType(), batch.taskId(), batch.executionId(), now)).toList());
            List<Long> ids = Sql.longs(jdbc, "SELECT id FROM catalog_file WHERE execution_id = ? AND id > ? ORDER BY id",
                    batch.executionId(), before);
            if (ids.size() != files.size()) {
                throw new IllegalStateException("execution " + batch.executionId() + " inserted " + files.size()
                        + " catalog files but finds " + ids.size() + " above id " + before);
            }
            for (int i = 0; i < files.size(); i++) {
                files.get(i).written(ids.get(i));
            }
        }
        Sql.batch(jdbc, "UPDATE catalog_file SET checksum = ? WHERE id = ?",
                batch.completions().stream().map(c -> Arrays.<Object>asList(c.checksum(), c.fileId())).toList());
        for (CatalogBatch.Copy copy : batch.copies()) {
            if (!copy.file().written()) {
                throw new IllegalStateException("a copy of " + copy.file().path() + " names a catalog file no batch has written");
            }
        }
        Instant now = DbTime.now();
        Sql.batch(jdbc, "INSERT INTO catalog_copy (file_id, tape_id, tape_barcode, tape_file, position, part_offset, part_length, copy_set, "
                + "creation_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", batch.copies().stream().map(c -> Arrays.<Object>asList(c.file().id(),
                c.tapeId(), c.barcode(), c.tapeFile(), c.position(), c.partOffset(), c.partLength(), batch.executionId(), now)).toList());
    }

    /**
     * Where a file (or the byte range {@code partOffset}+{@code partLength} of it) lies on tape. The parts of one
     * copy share {@code copySet} (the run that wrote them).
     */
    public void addTapeCopy(long fileId, long tapeId, String barcode, int tapeFile, int position, long partOffset, long partLength,
                            long copySet) {
        Sql.update(jdbc, "INSERT INTO catalog_copy (file_id, tape_id, tape_barcode, tape_file, position, part_offset, part_length, copy_set, "
                + "creation_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", fileId, tapeId, barcode, tapeFile, position, partOffset, partLength,
                copySet, DbTime.now());
    }

    /**
     * Forgets the copy of a file that has a part on {@code tapeId} (all its parts, on that tape and the ones it
     * spans to): another copy replaced it. Answers the rows removed.
     */
    public int forgetCopyOn(long fileId, long tapeId) {
        long copySet = Sql.number(jdbc, "SELECT COALESCE(MIN(copy_set), 0) FROM catalog_copy WHERE file_id = ? AND tape_id = ?", fileId, tapeId);
        return Sql.update(jdbc, "DELETE FROM catalog_copy WHERE file_id = ? AND tape_id IS NOT NULL AND COALESCE(copy_set, 0) = ?", fileId, copySet);
    }

    /** The cartridges holding parts of the copies that have a part on {@code tapeId}, that tape included. */
    public java.util.Set<Long> tapesSharingCopiesWith(long tapeId) {
        java.util.Set<Long> tapes = new java.util.HashSet<>(Sql.longs(jdbc, "SELECT DISTINCT c2.tape_id FROM catalog_copy c "
                + "JOIN catalog_copy c2 ON c2.file_id = c.file_id AND COALESCE(c2.copy_set, 0) = COALESCE(c.copy_set, 0) "
                + "WHERE c.tape_id = ? AND c2.tape_id IS NOT NULL", tapeId));
        tapes.add(tapeId);
        return tapes;
    }

    /** The whole-file checksum a scan computed, for a file whose catalog row has none. */
    public void checksumIfUnknown(long fileId, String checksum) {
        Sql.update(jdbc, "UPDATE catalog_file SET checksum = ? WHERE id = ? AND checksum IS NULL", checksum, fileId);
    }

    /**
     * Whether the catalog already holds this path with this size and time (conflict resolution {@code ignore}). The
     * catalog keeps microseconds and file systems nanoseconds; a database may truncate or round the rest, so the
     * time matches within the microsecond.
     */
    public boolean holds(String path, long size, Instant mtime) {
        Instant micros = mtime.truncatedTo(ChronoUnit.MICROS);
        return Sql.number(jdbc, "SELECT COUNT(*) FROM catalog_file WHERE path_key LIKE ? AND path = ? AND size = ? "
                + "AND modification_date BETWEEN ? AND ?", PathKey.of(path), path, size, micros, micros.plus(1, ChronoUnit.MICROS)) > 0;
    }

    /** Forgets every copy on a tape (it is being formatted); files left without any copy go too. */
    public int forgetTape(long tapeId) {
        int copies = Sql.update(jdbc, "DELETE FROM catalog_copy WHERE tape_id = ?", tapeId);
        Sql.update(jdbc, "DELETE FROM catalog_file WHERE NOT EXISTS (SELECT 1 FROM catalog_copy c WHERE c.file_id = catalog_file.id)");
        return copies;
    }

    public long copiesOn(long tapeId) {
        return Sql.number(jdbc, "SELECT COUNT(*) FROM catalog_copy WHERE tape_id = ?", tapeId);
    }
}
