package io.tapeflow.library;

import io.tapeflow.execution.ExecutionStore;
import io.tapeflow.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import io.tapeflow.persistence.DbTime;
import io.tapeflow.task.TaskStatus;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;

/**
 * Gives drives and cartridges to runs. Open-source JobRunr has no priorities and no mutexes, so the
 * queue lives in the database: a run files a request, and every grant pass, under a lock on the
 * library's row (so two nodes never hand one drive to two runs), gives free drives to the waiting
 * requests with the highest task priority, then the oldest. A cartridge is leased to one run at a time.
 * Every grant and release is written to the run's log in the transaction that makes it, so the logs
 * tell who held which drive when, on every node.
 */
@Singleton
public class DriveAllocator {

    /** A pool tape with less room than this is not worth mounting: a label and one block. */
    public static final long MIN_USEFUL_FREE = 2L << 20;
    /** Runs that no longer need a drive: their leases are released. */
    private static final String INACTIVE = "status NOT IN " + TaskStatus.sql(TaskStatus.ACTIVE);

    private final JdbcOperations jdbc;
    private final ExecutionStore store;

    public DriveAllocator(JdbcOperations jdbc, ExecutionStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    /**
     * What a run needs: a drive of {@code libraryId} and either the cartridge {@code tapeId} or any
     * writable cartridge of {@code poolId}.
     */
    public record Need(long executionId, long taskId, int priority, long libraryId, Long tapeId, Long poolId) {
    }

    /** A drive held by a run, with the cartridge leased to it. */
    public record Grant(long driveId, int driveNumber, long libraryId, long tapeId) {
    }

    /**
     * Files the request (once) and runs a grant pass; answers the run's grant if it has one now.
     */
    @Transactional(isolation = TransactionDefinition.Isolation.READ_COMMITTED)
    public Optional<Grant> acquire(Need need) {
        lockLibrary(need.libraryId());
        if (Sql.number(jdbc, "SELECT COUNT(*) FROM drive_request WHERE execution_id = ?", need.executionId()) == 0) {
            Sql.update(jdbc, "INSERT INTO drive_request (execution_id, tape_library_id, priority, tape_id, pool_id, requested_at) VALUES (?, ?, ?, ?, ?, ?)",
                    need.executionId(), need.libraryId(), need.priority(), need.tapeId(), need.poolId(), DbTime.now());
        }
        grantPass(need.libraryId());
        return grantOf(need.executionId());
    }

    /** The drive and cartridge the run holds now, if any; files no request. */
    @Transactional
    public Optional<Grant> held(long executionId) {
        return grantOf(executionId);
    }

    /** When the run filed its request (its wait started). */
    @Transactional
    public Optional<java.time.Instant> requestedAt(long executionId) {
        return jdbc.prepareStatement("SELECT requested_at FROM drive_request WHERE execution_id = ?", statement -> {
            statement.setLong(1, executionId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
            }
        });
    }

    /** Whether the pool has a cartridge the run could write to now (else it waits for an operator to add one). */
    @Transactional
    public boolean poolHasRoom(long poolId, long executionId) {
        return poolTape(poolId, executionId) != null;
    }

    /** Where a waiting run stands: how many requests of the library come before it. */
    @Transactional
    public long waitingAhead(long executionId) {
        return Sql.number(jdbc, "SELECT COUNT(*) FROM drive_request r JOIN drive_request me ON me.execution_id = ? "
                + "WHERE r.tape_library_id = me.tape_library_id AND r.drive_id IS NULL AND r.execution_id <> me.execution_id "
                + "AND (r.priority > me.priority OR (r.priority = me.priority AND r.requested_at < me.requested_at))", executionId);
    }

    /**
     * Leases another cartridge to a run that holds a drive: {@code tapeId}, or the next writable
     * cartridge of {@code poolId} when null. The run's previous cartridge lease ends. Empty when the
     * cartridge is used by another run (or the pool has none left): the caller waits or gives up.
     */
    @Transactional(isolation = TransactionDefinition.Isolation.READ_COMMITTED)
    public Optional<Long> switchTape(long executionId, long libraryId, Long tapeId, Long poolId) {
        lockLibrary(libraryId);
        Long next = tapeId != null ? (leasable(tapeId, executionId) ? tapeId : null) : poolTape(poolId, executionId);
        if (next == null) {
            return Optional.empty();
        }
        Sql.update(jdbc, "UPDATE tape SET execution_id = NULL WHERE execution_id = ? AND id <> ?", executionId, next);
        Sql.update(jdbc, "UPDATE tape SET execution_id = ? WHERE id = ?", executionId, next);
        Sql.update(jdbc, "UPDATE drive_request SET tape_id = ? WHERE execution_id = ?", next, executionId);
        return Optional.of(next);
    }

    /** Ends a run's leases and request, then hands what it freed to the next waiting runs. */
    @Transactional(isolation = TransactionDefinition.Isolation.READ_COMMITTED)
    public void release(long executionId) {
        List<Long> libraries = Sql.longs(jdbc, "SELECT tape_library_id FROM drive_request WHERE execution_id = ?", executionId);
        libraries.forEach(this::lockLibrary);
        for (long drive : Sql.longs(jdbc, "SELECT id FROM tape_drive WHERE execution_id = ?", executionId)) {
            store.log(executionId, "INFO", null, driveName(drive) + " released");
        }
        Sql.update(jdbc, "UPDATE tape_drive SET execution_id = NULL, task_id = NULL, use_file_name_processed = NULL, use_file_processed_size = NULL, "
                + "use_file_size_to_process = NULL, bandwidth = 0 WHERE execution_id = ?", executionId);
        Sql.update(jdbc, "UPDATE tape SET execution_id = NULL WHERE execution_id = ?", executionId);
        Sql.update(jdbc, "DELETE FROM drive_request WHERE execution_id = ?", executionId);
        libraries.forEach(this::grantPass);
    }

    private void grantPass(long libraryId) {
        // Runs that ended without releasing (a node died, a job gave up) must not hold drives forever.
        for (long[] held : Sql.rows(jdbc, "SELECT id, execution_id FROM tape_drive WHERE tape_library_id = ? AND execution_id IN "
                + "(SELECT id FROM task_execution WHERE " + INACTIVE + ")", 2, libraryId)) {
            store.log(held[1], "INFO", null, driveName(held[0]) + " released: the run had ended without giving it back");
        }
        Sql.update(jdbc, "UPDATE tape_drive SET execution_id = NULL, task_id = NULL WHERE tape_library_id = ? AND execution_id IN "
                + "(SELECT id FROM task_execution WHERE " + INACTIVE + ")", libraryId);
        Sql.update(jdbc, "UPDATE tape SET execution_id = NULL WHERE tape_library_id = ? AND execution_id IN "
                + "(SELECT id FROM task_execution WHERE " + INACTIVE + ")", libraryId);
        Sql.update(jdbc, "DELETE FROM drive_request WHERE tape_library_id = ? AND execution_id IN "
                + "(SELECT id FROM task_execution WHERE " + INACTIVE + ")", libraryId);
        List<long[]> free = Sql.rows(jdbc, "SELECT id, number FROM tape_drive WHERE tape_library_id = ? AND status = 'online' "
                + "AND execution_id IS NULL ORDER BY number", 2, libraryId);
        if (free.isEmpty()) {
            return;
        }
        // A run asked to stop gets no drive: it would only mount a cartridge to put it back.
        List<long[]> waiting = Sql.rows(jdbc, "SELECT r.execution_id, COALESCE(r.tape_id, 0), COALESCE(r.pool_id, 0), e.task_id FROM drive_request r "
                + "JOIN task_execution e ON e.id = r.execution_id WHERE r.tape_library_id = ? AND r.drive_id IS NULL AND e.control <> 'stop' "
                + "ORDER BY r.priority DESC, r.requested_at, r.execution_id", 4, libraryId);
        for (long[] request : waiting) {
            if (free.isEmpty()) {
                return;
            }
            long executionId = request[0];
            Long tape = request[1] != 0 ? (leasable(request[1], executionId) ? request[1] : null) : poolTape(request[2], executionId);
            if (tape == null) {
                continue; // its cartridge is busy: the next request may still use the drive
            }
            long[] drive = free.remove(0);
            Sql.update(jdbc, "UPDATE tape_drive SET execution_id = ?, task_id = ? WHERE id = ?", executionId, request[3], drive[0]);
            Sql.update(jdbc, "UPDATE tape SET execution_id = ? WHERE id = ?", executionId, tape);
            Sql.update(jdbc, "UPDATE drive_request SET drive_id = ?, tape_id = ?, granted_at = ? WHERE execution_id = ?",
                    drive[0], tape, DbTime.now(), executionId);
            store.log(executionId, "INFO", null, driveName(drive[0]) + " granted with tape " + barcode(tape));
        }
    }

    /** How the log names a drive: "drive 0 of library 'virtual'". */
    private String driveName(long driveId) {
        return jdbc.prepareStatement("SELECT d.number, l.name FROM tape_drive d JOIN tape_library l ON l.id = d.tape_library_id "
                + "WHERE d.id = ?", statement -> {
            statement.setLong(1, driveId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? "drive " + rs.getInt(1) + " of library '" + rs.getString(2) + "'" : "drive id " + driveId;
            }
        });
    }

    private String barcode(long tapeId) {
        return jdbc.prepareStatement("SELECT barcode FROM tape WHERE id = ?", statement -> {
            statement.setLong(1, tapeId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : "id " + tapeId;
            }
        });
    }

    private Optional<Grant> grantOf(long executionId) {
        return jdbc.prepareStatement("SELECT d.id, d.number, d.tape_library_id, r.tape_id FROM drive_request r "
                + "JOIN tape_drive d ON d.id = r.drive_id WHERE r.execution_id = ?", statement -> {
            statement.setLong(1, executionId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(new Grant(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getLong(4))) : Optional.empty();
            }
        });
    }

    private boolean leasable(long tapeId, long executionId) {
        return Sql.number(jdbc, "SELECT COUNT(*) FROM tape WHERE id = ? AND (execution_id IS NULL OR execution_id = ?)", tapeId, executionId) > 0;
    }

    /** A writable cartridge of the pool no other run uses; one already holding data first, so tapes fill one by one. */
    private Long poolTape(long poolId, long executionId) {
        List<Long> ids = Sql.longs(jdbc, "SELECT id FROM tape WHERE pool_id = ? AND (execution_id IS NULL OR execution_id = ?) AND lost = FALSE "
                + "AND write_protect = FALSE AND ejected = FALSE AND cleaning = FALSE AND locked = FALSE AND location_kind <> 'io' "
                + "AND free >= ? ORDER BY CASE WHEN file_count > 0 THEN 0 ELSE 1 END, free, id", poolId, executionId, MIN_USEFUL_FREE);
        return ids.isEmpty() ? null : ids.get(0);
    }

    private void lockLibrary(long libraryId) {
        lockLibrary(jdbc, libraryId);
    }

    /**
     * Takes the library's row lock for the rest of the transaction. Every transaction that writes a
     * library's drive or tape rows takes it first, so they queue instead of deadlocking on each other's
     * rows (and two nodes never move one robot at once). What the allocator reads under the lock decides
     * who gets a drive, so its transactions read committed rows: under MariaDB's default REPEATABLE READ a
     * read made before the lock (as {@link #release} must, to learn the library) would pin a snapshot from
     * before the previous holder's commit, and a drive granted meanwhile would look free.
     */
    public static void lockLibrary(JdbcOperations jdbc, long libraryId) {
        Sql.longs(jdbc, "SELECT id FROM tape_library WHERE id = ? FOR UPDATE", libraryId);
    }
}
