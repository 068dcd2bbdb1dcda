package io.tapeflow.library;

import io.tapeflow.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import io.tapeflow.execution.ExecutionStore;
import io.tapeflow.persistence.DbTime;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Gives drives and cartridges to runs. Open-source JobRunr has no priorities and no mutexes, so the
 * queue lives in the database: a run files a request, and every grant pass, under a lock on the
 * library's row (so two nodes never hand one drive to two runs), gives free drives to the waiting
 * requests with the highest task priority, then the oldest. A cartridge is leased to one run at a time.
 *
 * <p>A run copying tape to tape needs two drives at once: one writing, one reading a given cartridge,
 * in the same library or another. It gets both in one pass or neither, so two such runs never each
 * hold one drive and wait for the other's; and the free drives it waits for are held back from runs
 * behind it in the queue, so runs needing one drive do not starve it.
 */
@Singleton
public class DriveAllocator {

    /** A pool tape with less room than this is not worth mounting: a label and one block. */
    public static final long MIN_USEFUL_FREE = 2L << 20;
    private final JdbcOperations jdbc;
    private final GrantPass pass;
    private final ExecutionStore store;

    public DriveAllocator(JdbcOperations jdbc, ExecutionStore store) {
        this.jdbc = jdbc;
        this.store = store;
        this.pass = new GrantPass(jdbc, store);
    }

    /**
     * What a run needs: a drive of {@code libraryId} and either the cartridge {@code tapeId} or any
     * writable cartridge of {@code poolId}; and, when {@code readTapeId} is set, at the same time a
     * second drive of {@code readLibraryId} holding that cartridge.
     */
    public record Need(long executionId, long taskId, int priority, long libraryId, Long tapeId, Long poolId,
                       Long readLibraryId, Long readTapeId) {

        public Need(long executionId, long taskId, int priority, long libraryId, Long tapeId, Long poolId) {
            this(executionId, taskId, priority, libraryId, tapeId, poolId, null, null);
        }

        /** This need plus a second drive reading {@code tapeId} of {@code libraryId}. */
        public Need reading(long libraryId, long tapeId) {
            return new Need(executionId, taskId, priority, this.libraryId, this.tapeId, poolId, libraryId, tapeId);
        }

        public boolean paired() {
            return readTapeId != null;
        }

        /** How many drives of the library the need takes. */
        public int drivesIn(long library) {
            return (libraryId == library ? 1 : 0) + (paired() && readLibraryId == library ? 1 : 0);
        }

        /** The libraries it needs drives of. */
        Set<Long> libraries() {
            return paired() ? new TreeSet<>(List.of(libraryId, readLibraryId)) : Set.of(libraryId);
        }
    }

    /** A drive held by a run, with the cartridge leased to it. */
    public record Grant(long driveId, int driveNumber, long libraryId, long tapeId) {
    }

    /**
     * Files the request (or brings a waiting one up to date) and runs a grant pass; answers the run's
     * grant (its writing drive, see {@link #readGrant}) if it has one now.
     */
    @Transactional(isolation = TransactionDefinition.Isolation.READ_COMMITTED)
    public Optional<Grant> acquire(Need need) {
        Set<Long> locked = lockConnected(need.libraries());
        if (Sql.number(jdbc, "SELECT COUNT(*) FROM drive_request WHERE execution_id = ?", need.executionId()) == 0) {
            Sql.update(jdbc, "INSERT INTO drive_request (execution_id, tape_library_id, priority, tape_id, pool_id, read_library_id, "
                            + "read_tape_id, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", need.executionId(), need.libraryId(),
                    need.priority(), need.tapeId(), need.poolId(), need.readLibraryId(), need.readTapeId(), DbTime.now());
        } else {
            // A waiting run asks again every second: what it needs may have changed (a cartridge it chose was taken).
            Sql.update(jdbc, "UPDATE drive_request SET tape_library_id = ?, priority = ?, tape_id = ?, pool_id = ?, read_library_id = ?, "
                            + "read_tape_id = ? WHERE execution_id = ? AND drive_id IS NULL", need.libraryId(), need.priority(), need.tapeId(),
                    need.poolId(), need.readLibraryId(), need.readTapeId(), need.executionId());
        }
        pass.run(locked);
        return grantOf(need.executionId());
    }

    /** The drive and cartridge the run holds now, if any; files no request. */
    @Transactional
    public Optional<Grant> held(long executionId) {
        return grantOf(executionId);
    }

    /** The second drive of a run that reads while it writes, once granted. */
    @Transactional
    public Optional<Grant> readGrant(long executionId) {
        return grant("r.read_drive_id", "r.read_tape_id", executionId);
    }

    /** Whether the libraries have drives enough for the need at all (online or not): else it would wait forever. */
    @Transactional
    public boolean hasDrivesFor(Need need) {
        return need.libraries().stream().allMatch(library ->
                Sql.number(jdbc, "SELECT COUNT(*) FROM tape_drive WHERE tape_library_id = ?", library) >= need.drivesIn(library));
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
        return pass.poolTape(poolId, executionId, Set.of(readTapeOf(executionId))) != null;
    }

    /** A cartridge of the pool the run could write to now, other than {@code excluded}; the one {@link #acquire} would pick. */
    @Transactional
    public Optional<Long> writableTape(long poolId, long executionId, Collection<Long> excluded) {
        return Optional.ofNullable(pass.poolTape(poolId, executionId, excluded));
    }

    /** Where a waiting run stands: how many requests of the library come before it. */
    @Transactional
    public long waitingAhead(long executionId) {
        return Sql.number(jdbc, "SELECT COUNT(*) FROM drive_request r JOIN drive_request me ON me.execution_id = ? "
                + "WHERE r.tape_library_id = me.tape_library_id AND r.drive_id IS NULL AND r.execution_id <> me.execution_id "
                + "AND (r.priority > me.priority OR (r.priority = me.priority AND r.requested_at < me.requested_at))", executionId);
    }

    /** {@link #switchTape(long, long, Long, Long, Collection)} excluding nothing. */
    public Optional<Long> switchTape(long executionId, long libraryId, Long tapeId, Long poolId) {
        return switchTape(executionId, libraryId, tapeId, poolId, Set.of());
    }

    /**
     * Leases another cartridge for the writing drive of a run that holds it: {@code tapeId}, or the
     * next writable cartridge of {@code poolId} other than {@code excluded} when null. The run's
     * previous cartridge lease ends (not the one its reading drive holds). Empty when the cartridge is
     * used by another run (or the pool has none left): the caller waits or gives up.
     */
    @Transactional(isolation = TransactionDefinition.Isolation.READ_COMMITTED)
    public Optional<Long> switchTape(long executionId, long libraryId, Long tapeId, Long poolId, Collection<Long> excluded) {
        lockLibrary(libraryId);
        long reading = readTapeOf(executionId);
        Set<Long> avoid = new HashSet<>(excluded);
        avoid.add(reading);
        Long next = tapeId != null ? (pass.leasable(tapeId, executionId) && !avoid.contains(tapeId) ? tapeId : null)
                : pass.poolTape(poolId, executionId, avoid);
        if (next == null) {
            return Optional.empty();
        }
        lease(executionId, next, reading);
        Sql.update(jdbc, "UPDATE drive_request SET tape_id = ? WHERE execution_id = ?", next, executionId);
        return Optional.of(next);
    }

    /**
     * Leases {@code tapeId} (a cartridge of the reading drive's library) for the reading drive; the
     * cartridge it read before is released. Empty when another run uses it, or it is the very cartridge
     * the run is writing.
     */
    @Transactional(isolation = TransactionDefinition.Isolation.READ_COMMITTED)
    public Optional<Long> switchReadTape(long executionId, long libraryId, long tapeId) {
        lockLibrary(libraryId);
        long writing = Sql.number(jdbc, "SELECT tape_id FROM drive_request WHERE execution_id = ?", executionId);
        if (tapeId == writing || !pass.leasable(tapeId, executionId)) {
            return Optional.empty();
        }
        lease(executionId, tapeId, writing);
        Sql.update(jdbc, "UPDATE drive_request SET read_tape_id = ? WHERE execution_id = ?", tapeId, executionId);
        return Optional.of(tapeId);
    }

    /** Ends a run's leases and request, then hands what it freed to the next waiting runs. */
    @Transactional(isolation = TransactionDefinition.Isolation.READ_COMMITTED)
    public void release(long executionId) {
        Set<Long> libraries = new HashSet<>(Sql.longs(jdbc, "SELECT tape_library_id FROM drive_request WHERE execution_id = ? "
                + "UNION SELECT read_library_id FROM drive_request WHERE execution_id = ? AND read_library_id IS NOT NULL", executionId, executionId));
        if (libraries.isEmpty()) {
            return;
        }
        Set<Long> locked = lockConnected(libraries);
        for (long drive : Sql.longs(jdbc, "SELECT id FROM tape_drive WHERE execution_id = ?", executionId)) {
            store.log(executionId, "INFO", null, pass.driveName(drive) + " released");
        }
        Sql.update(jdbc, "UPDATE tape_drive SET execution_id = NULL, task_id = NULL, use_file_name_processed = NULL, use_file_processed_size = NULL, "
                + "use_file_size_to_process = NULL, bandwidth = 0 WHERE execution_id = ?", executionId);
        Sql.update(jdbc, "UPDATE tape SET execution_id = NULL WHERE execution_id = ?", executionId);
        Sql.update(jdbc, "DELETE FROM drive_request WHERE execution_id = ?", executionId);
        pass.run(locked);
    }

    private Optional<Grant> grantOf(long executionId) {
        return grant("r.drive_id", "r.tape_id", executionId);
    }

    /** @param driveColumn, tapeColumn the request's columns of one of its drives: never from a request */
    private Optional<Grant> grant(String driveColumn, String tapeColumn, long executionId) {
        return jdbc.prepareStatement("SELECT d.id, d.number, d.tape_library_id, " + tapeColumn + " FROM drive_request r "
                + "JOIN tape_drive d ON d.id = " + driveColumn + " WHERE r.execution_id = ?", statement -> {
            statement.setLong(1, executionId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(new Grant(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getLong(4))) : Optional.empty();
            }
        });
    }

    /** Leases {@code tapeId} to the run, ending its other cartridge leases except {@code kept}'s. */
    private void lease(long executionId, long tapeId, long kept) {
        Sql.update(jdbc, "UPDATE tape SET execution_id = NULL WHERE execution_id = ? AND id <> ? AND id <> ?", executionId, tapeId, kept);
        Sql.update(jdbc, "UPDATE tape SET execution_id = ? WHERE id = ?", executionId, tapeId);
    }

    private long readTapeOf(long executionId) {
        return Sql.number(jdbc, "SELECT COALESCE(read_tape_id, 0) FROM drive_request WHERE execution_id = ?", executionId);
    }

    /**
     * Locks the libraries and every library a waiting pair of drives links them to, in id order: the
     * only transactions taking several library locks take them in that order, so none deadlocks.
     */
    private Set<Long> lockConnected(Collection<Long> libraries) {
        TreeSet<Long> connected = new TreeSet<>(libraries);
        List<long[]> pairs = Sql.rows(jdbc, "SELECT tape_library_id, read_library_id FROM drive_request "
                + "WHERE read_library_id IS NOT NULL AND read_library_id <> tape_library_id", 2);
        for (boolean grew = true; grew; ) {
            grew = false;
            for (long[] pair : pairs) {
                if (connected.contains(pair[0]) != connected.contains(pair[1])) {
                    connected.add(pair[0]);
                    connected.add(pair[1]);
                    grew = true;
                }
            }
        }
        connected.forEach(this::lockLibrary);
        return connected;
    }

    private void lockLibrary(long libraryId) {
        lockLibrary(jdbc, libraryId);
    }

    /**
     * Takes the library's row lock for the rest of the transaction. Every transaction that writes a
     * library's drive or tape rows takes it first, so they queue instead of deadlocking on each other's
     * rows (and two nodes never move one robot at once). A transaction taking several takes them in
     * id order. What the allocator reads under the lock decides who gets a drive, so its transactions
     * read committed rows: under MariaDB's default REPEATABLE READ a read made before the lock (as
     * {@link #release} must, to learn the library) would pin a snapshot from before the previous
     * holder's commit, and a drive granted meanwhile would look free.
     */
    public static void lockLibrary(JdbcOperations jdbc, long libraryId) {
        Sql.longs(jdbc, "SELECT id FROM tape_library WHERE id = ? FOR UPDATE", libraryId);
    }
}
