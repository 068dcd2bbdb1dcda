package io.tapeflow.archive;

import io.tapeflow.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.tapeflow.library.DriveAllocator;
import io.tapeflow.persistence.DbTime;
import io.tapeflow.task.TaskEndpoint;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.List;

/** The tape runs' reads and writes of cartridge rows: which tapes an endpoint names, and what a write used. */
@Singleton
class TapeBook {

    private final JdbcOperations jdbc;

    TapeBook(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The cartridges a pool or tape endpoint names, in id order. */
    @Transactional
    List<Long> tapesOf(TaskEndpoint endpoint) {
        if (endpoint.isTape()) {
            return List.of(endpoint.tapeId());
        }
        return Sql.longs(jdbc, "SELECT id FROM tape WHERE pool_id = ? ORDER BY id", endpoint.poolId());
    }

    /** Whether a run holds a lease on the cartridge. */
    @Transactional
    boolean inUse(long tapeId) {
        return !Sql.longs(jdbc, "SELECT id FROM tape WHERE id = ? AND execution_id IS NOT NULL", tapeId).isEmpty();
    }

    /** The library holding a pool's cartridges (a pool spans one library). */
    @Transactional
    Long libraryOfPool(long poolId) {
        List<Long> ids = Sql.longs(jdbc, "SELECT MIN(tape_library_id) FROM tape WHERE pool_id = ?", poolId);
        return ids.isEmpty() || ids.get(0) == 0 ? null : ids.get(0);
    }

    @Transactional
    long libraryOfTape(long tapeId) {
        return Sql.longs(jdbc, "SELECT tape_library_id FROM tape WHERE id = ?", tapeId).get(0);
    }

    /** The cartridge's pool; null when it is in none. */
    @Transactional
    Long poolOfTape(long tapeId) {
        List<Long> ids = Sql.longs(jdbc, "SELECT COALESCE(pool_id, 0) FROM tape WHERE id = ?", tapeId);
        return ids.isEmpty() || ids.get(0) == 0 ? null : ids.get(0);
    }

    /** Whether the cartridge is marked lost (or damaged): nothing is read from it. */
    @Transactional
    boolean lost(long tapeId) {
        return Sql.number(jdbc, "SELECT COUNT(*) FROM tape WHERE id = ? AND lost = TRUE", tapeId) > 0;
    }

    @Transactional
    String libraryName(long libraryId) {
        return jdbc.prepareStatement("SELECT name FROM tape_library WHERE id = ?", statement -> {
            statement.setLong(1, libraryId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : String.valueOf(libraryId);
            }
        });
    }

    @Transactional
    String poolName(long poolId) {
        return jdbc.prepareStatement("SELECT name FROM pool WHERE id = ?", statement -> {
            statement.setLong(1, poolId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : String.valueOf(poolId);
            }
        });
    }

    /** Cartridge rows are written under their library's lock, as {@link DriveAllocator#lockLibrary} explains. */
    private void lockLibraryOf(long tapeId) {
        DriveAllocator.lockLibrary(jdbc, libraryOfTape(tapeId));
    }

    /** Runs {@code work} in one transaction (the catalog rows, the cartridge's room and the checkpoint of a tape file). */
    @Transactional
    void atomically(Runnable work) {
        work.run();
    }

    /** A tape file (the label too) is on tape: the cartridge has {@code bytes} less room and one more file. */
    void tapeFileWritten(long tapeId, int tapeFile, long bytes) {
        lockLibraryOf(tapeId);
        Sql.update(jdbc, "UPDATE tape SET free = GREATEST(0, free - ?), file_count = ?, scratch = FALSE, last_size_update = ?, modification_date = ? WHERE id = ?",
                bytes, tapeFile + 1, DbTime.now(), DbTime.now(), tapeId);
    }

    /**
     * A scan read the whole cartridge: it holds {@code fileCount} tape files (the label included) taking
     * {@code usedBytes}; {@code usedBytes} is negative when a tape file could not be measured, and the free space stays.
     */
    void scanned(long tapeId, int fileCount, long usedBytes) {
        lockLibraryOf(tapeId);
        Sql.update(jdbc, "UPDATE tape SET file_count = ?, scratch = CASE WHEN ? > 1 THEN FALSE ELSE scratch END, last_size_update = ?, "
                + "modification_date = ? WHERE id = ?", fileCount, fileCount, DbTime.now(), DbTime.now(), tapeId);
        if (usedBytes >= 0) {
            Sql.update(jdbc, "UPDATE tape SET free = GREATEST(0, max - ?) WHERE id = ?", usedBytes, tapeId);
        }
    }

    /** Bytes the cartridges hold by the database's figures. */
    @Transactional
    long usedBytes(List<Long> tapeIds) {
        long used = 0;
        for (long tapeId : tapeIds) {
            used += Sql.number(jdbc, "SELECT max - free FROM tape WHERE id = ?", tapeId);
        }
        return used;
    }

    /** A fresh label was written: the cartridge holds nothing else. */
    @Transactional
    void formatted(long tapeId, long labelBytes, Long scratchPoolId, boolean toScratch) {
        lockLibraryOf(tapeId);
        Sql.update(jdbc, "UPDATE tape SET free = max - ?, file_count = 1, last_size_update = ?, modification_date = ? WHERE id = ?",
                labelBytes, DbTime.now(), DbTime.now(), tapeId);
        if (toScratch) {
            Sql.update(jdbc, "UPDATE tape SET scratch = TRUE, pool_id = ? WHERE id = ?", scratchPoolId, tapeId);
        }
    }

    /** The scratch pool, if the site has one. */
    @Transactional
    Long scratchPool() {
        List<Long> ids = Sql.longs(jdbc, "SELECT id FROM pool WHERE type = 'scratch' AND content = 'tape' ORDER BY id");
        return ids.isEmpty() ? null : ids.get(0);
    }
}
