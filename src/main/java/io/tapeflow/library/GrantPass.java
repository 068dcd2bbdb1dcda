package io.tapeflow.library;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.tapeflow.execution.ExecutionStore;
import io.tapeflow.persistence.DbTime;
import io.tapeflow.persistence.Sql;
import io.tapeflow.task.TaskStatus;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One grant pass of the {@link DriveAllocator}, inside its transaction and under the locks of the
 * libraries it covers: frees what ended runs still hold, then gives free drives (and cartridges) to the
 * waiting requests by priority, then age. A request for two drives gets both or none. Every grant and
 * release is written to the run's log in the transaction that makes it, so the logs tell who held which
 * drive when, on every node.
 */
final class GrantPass {

    /** Runs that no longer need a drive: their leases are released. */
    private static final String INACTIVE = "execution_id IN (SELECT id FROM task_execution WHERE status NOT IN "
            + TaskStatus.sql(TaskStatus.ACTIVE) + ")";

    private final JdbcOperations jdbc;
    private final ExecutionStore store;

    GrantPass(JdbcOperations jdbc, ExecutionStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    /** A waiting request as the grant pass reads it. */
    private record Request(long executionId, long libraryId, long tapeId, long poolId, long readLibraryId, long readTapeId, long taskId) {

        boolean paired() {
            return readTapeId != 0;
        }

        DriveAllocator.Need need() {
            return new DriveAllocator.Need(executionId, taskId, 0, libraryId, null, null, paired() ? readLibraryId : null, paired() ? readTapeId : null);
        }
    }

    /** @param locked the libraries whose locks the transaction holds */
    void run(Set<Long> locked) {
        String in = placeholders(locked.size());
        Object[] ids = locked.toArray();
        // Runs that ended without releasing (a node died, a job gave up) must not hold drives forever.
        for (long[] held : Sql.rows(jdbc, "SELECT id, execution_id FROM tape_drive WHERE tape_library_id IN (" + in + ") AND " + INACTIVE, 2, ids)) {
            store.log(held[1], "INFO", null, driveName(held[0]) + " released: the run had ended without giving it back");
        }
        Sql.update(jdbc, "UPDATE tape_drive SET execution_id = NULL, task_id = NULL WHERE tape_library_id IN (" + in + ") AND " + INACTIVE, ids);
        Sql.update(jdbc, "UPDATE tape SET execution_id = NULL WHERE tape_library_id IN (" + in + ") AND " + INACTIVE, ids);
        Sql.update(jdbc, "DELETE FROM drive_request WHERE tape_library_id IN (" + in + ") AND " + INACTIVE, ids);
        Map<Long, Deque<long[]>> free = new HashMap<>();
        for (long[] drive : Sql.rows(jdbc, "SELECT tape_library_id, id, number FROM tape_drive WHERE tape_library_id IN (" + in + ") "
                + "AND status = 'online' AND execution_id IS NULL ORDER BY number", 3, ids)) {
            free.computeIfAbsent(drive[0], l -> new ArrayDeque<>()).add(new long[]{drive[1], drive[2]});
        }
        if (free.isEmpty()) {
            return;
        }
        Map<Long, Long> online = new HashMap<>();
        for (long[] count : Sql.rows(jdbc, "SELECT tape_library_id, COUNT(*) FROM tape_drive WHERE tape_library_id IN (" + in + ") "
                + "AND status = 'online' GROUP BY tape_library_id", 2, ids)) {
            online.put(count[0], count[1]);
        }
        Object[] twice = new Object[ids.length * 2];
        System.arraycopy(ids, 0, twice, 0, ids.length);
        System.arraycopy(ids, 0, twice, ids.length, ids.length);
        // A run asked to stop gets no drive: it would only mount a cartridge to put it back.
        List<long[]> waiting = Sql.rows(jdbc, "SELECT r.execution_id, r.tape_library_id, COALESCE(r.tape_id, 0), COALESCE(r.pool_id, 0), "
                + "COALESCE(r.read_library_id, 0), COALESCE(r.read_tape_id, 0), e.task_id FROM drive_request r "
                + "JOIN task_execution e ON e.id = r.execution_id WHERE r.drive_id IS NULL AND e.control <> 'stop' AND (r.tape_library_id IN (" + in + ") "
                + "OR r.read_library_id IN (" + in + ")) ORDER BY r.priority DESC, r.requested_at, r.execution_id", 7, twice);
        for (long[] row : waiting) {
            Request request = new Request(row[0], row[1], row[2], row[3], row[4], row[5], row[6]);
            DriveAllocator.Need need = request.need();
            // A pair reaching a library this pass did not lock is granted by its own request's pass (it asks every second).
            if (!locked.containsAll(need.libraries()) || (!request.paired() && free.getOrDefault(request.libraryId(), new ArrayDeque<>()).isEmpty())) {
                continue;
            }
            grant(request, need, free, online);
        }
    }

    private void grant(Request request, DriveAllocator.Need need, Map<Long, Deque<long[]>> free, Map<Long, Long> online) {
        long executionId = request.executionId();
        if (request.paired() && !leasable(request.readTapeId(), executionId)) {
            return; // its cartridge is busy: the drives may still serve the next request
        }
        Long tape = request.tapeId() != 0
                ? (leasable(request.tapeId(), executionId) && request.tapeId() != request.readTapeId() ? request.tapeId() : null)
                : poolTape(request.poolId(), executionId, Set.of(request.readTapeId()));
        if (tape == null) {
            return;
        }
        boolean drivesFree = need.libraries().stream()
                .allMatch(library -> free.getOrDefault(library, new ArrayDeque<>()).size() >= need.drivesIn(library));
        if (!drivesFree) {
            boolean couldEver = need.libraries().stream().allMatch(library -> online.getOrDefault(library, 0L) >= need.drivesIn(library));
            if (couldEver) {
                // Hold back the free drives it waits for, so that runs behind it do not take each one as it frees up.
                need.libraries().forEach(library -> {
                    Deque<long[]> drives = free.getOrDefault(library, new ArrayDeque<>());
                    for (int i = 0; i < need.drivesIn(library) && !drives.isEmpty(); i++) {
                        drives.poll();
                    }
                });
            }
            return;
        }
        long[] drive = free.get(request.libraryId()).poll();
        Sql.update(jdbc, "UPDATE tape_drive SET execution_id = ?, task_id = ? WHERE id = ?", executionId, request.taskId(), drive[0]);
        Sql.update(jdbc, "UPDATE tape SET execution_id = ? WHERE id = ?", executionId, tape);
        Long readDrive = null;
        if (request.paired()) {
            readDrive = free.get(request.readLibraryId()).poll()[0];
            Sql.update(jdbc, "UPDATE tape_drive SET execution_id = ?, task_id = ? WHERE id = ?", executionId, request.taskId(), readDrive);
            Sql.update(jdbc, "UPDATE tape SET execution_id = ? WHERE id = ?", executionId, request.readTapeId());
        }
        Sql.update(jdbc, "UPDATE drive_request SET drive_id = ?, tape_id = ?, read_drive_id = ?, granted_at = ? WHERE execution_id = ?",
                drive[0], tape, readDrive, DbTime.now(), executionId);
        store.log(executionId, "INFO", null, driveName(drive[0]) + " granted with tape " + barcode(tape));
        if (readDrive != null) {
            store.log(executionId, "INFO", null, driveName(readDrive) + " granted for reading tape " + barcode(request.readTapeId()));
        }
    }

    boolean leasable(long tapeId, long executionId) {
        return Sql.number(jdbc, "SELECT COUNT(*) FROM tape WHERE id = ? AND (execution_id IS NULL OR execution_id = ?)", tapeId, executionId) > 0;
    }

    /** A writable cartridge of the pool no other run uses; one already holding data first, so tapes fill one by one. */
    Long poolTape(long poolId, long executionId, Collection<Long> excluded) {
        List<Long> ids = Sql.longs(jdbc, "SELECT id FROM tape WHERE pool_id = ? AND (execution_id IS NULL OR execution_id = ?) AND lost = FALSE "
                + "AND write_protect = FALSE AND ejected = FALSE AND cleaning = FALSE AND locked = FALSE AND location_kind <> 'io' "
                + "AND free >= ? ORDER BY CASE WHEN file_count > 0 THEN 0 ELSE 1 END, free, id", poolId, executionId, DriveAllocator.MIN_USEFUL_FREE);
        return ids.stream().filter(id -> !excluded.contains(id)).findFirst().orElse(null);
    }

    /** How the log names a drive: "drive 0 of library 'virtual'". */
    String driveName(long driveId) {
        return jdbc.prepareStatement("SELECT d.number, l.name FROM tape_drive d JOIN tape_library l ON l.id = d.tape_library_id "
                + "WHERE d.id = ?", statement -> {
            statement.setLong(1, driveId);
            try (java.sql.ResultSet rs = statement.executeQuery()) {
                return rs.next() ? "drive " + rs.getInt(1) + " of library '" + rs.getString(2) + "'" : "drive id " + driveId;
            }
        });
    }

    private String barcode(long tapeId) {
        return jdbc.prepareStatement("SELECT barcode FROM tape WHERE id = ?", statement -> {
            statement.setLong(1, tapeId);
            try (java.sql.ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : "id " + tapeId;
            }
        });
    }

    private static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }
}
