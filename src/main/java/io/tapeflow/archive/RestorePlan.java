package io.tapeflow.archive;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import io.tapeflow.list.SqlFragment;
import io.tapeflow.persistence.Sql;
import io.tapeflow.persistence.SqlParameters;
import io.tapeflow.task.TaskEndpoint;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan of a restore (table restore_item, V12): every part to read for all the task's sources, written once
 * per execution by the database itself (INSERT ... SELECT, so a million files cost no heap), then read back in
 * physical order from the checkpoint on: each cartridge loaded once, each tape file read forward once.
 */
@Singleton
class RestorePlan {

    static final int BATCH = 1000;

    private static final String INSERT = "INSERT INTO restore_item (execution_id, file_id, part_offset, part_length, source_index, "
            + "tape_id, tape_file, position) SELECT ?, f.id, c.part_offset, c.part_length, ?, c.tape_id, c.tape_file, c.position "
            + "FROM catalog_copy c JOIN catalog_file f ON f.id = c.file_id JOIN tape t ON t.id = c.tape_id %s "
            // why: a file under two sources (a folder and a file in it) is restored once, where the first source puts it
            + "AND NOT EXISTS (SELECT 1 FROM restore_item r WHERE r.execution_id = ? AND r.file_id = f.id AND r.source_index < ?)";
    private static final String SELECT = "SELECT r.tape_id, r.tape_file, r.position, r.part_offset, r.part_length, f.id, f.path, "
            + "f.size, f.modification_date, f.checksum, f.checksum_type, r.source_index, CASE WHEN EXISTS (SELECT 1 FROM restore_item n "
            + "WHERE n.execution_id = r.execution_id AND n.file_id = r.file_id "
            + "AND (n.tape_id, n.tape_file, n.position) > (r.tape_id, r.tape_file, r.position)) THEN 0 ELSE 1 END "
            + "FROM restore_item r JOIN catalog_file f ON f.id = r.file_id WHERE r.execution_id = ? ";

    /**
     * One part to restore: the catalog's item, the source that named its file, and whether it is the file's
     * last part in physical order (every other part of the file was read before it, in this job or before the
     * checkpoint), so the file can be checked and published.
     */
    record Step(RestoreQueue.Item item, int sourceIndex, boolean completesFile) {
    }

    private final JdbcOperations jdbc;

    RestorePlan(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Plans the execution from scratch: a plan a crash interrupted is dropped first, so planning again never
     * doubles a row. Each source is one statement (its own transaction), never one long lock on the catalog.
     */
    void plan(long executionId, List<TaskEndpoint> sources) {
        clear(executionId);
        for (int s = 0; s < sources.size(); s++) {
            add(executionId, s, sources.get(s));
        }
    }

    @Transactional
    void add(long executionId, int sourceIndex, TaskEndpoint source) {
        SqlFragment chosen = RestoreQueue.chosen(RestoreQueue.Selection.of(source));
        List<Object> parameters = new ArrayList<>(List.of(executionId, sourceIndex));
        parameters.addAll(chosen.parameters());
        parameters.add(executionId);
        parameters.add(sourceIndex);
        Sql.update(jdbc, String.format(INSERT, chosen.sql()), parameters.toArray());
    }

    /** Files and bytes planned. */
    @ReadOnly
    long[] totals(long executionId) {
        return Sql.rows(jdbc, "SELECT COUNT(DISTINCT file_id), COALESCE(SUM(part_length), 0) FROM restore_item WHERE execution_id = ?",
                2, executionId).get(0);
    }

    /** The next steps after the checkpoint ({@code tape:file:position}, or null from the start), in physical order. */
    @ReadOnly
    List<Step> next(long executionId, String after, int limit) {
        if (after == null) {
            return steps("", List.of(executionId), limit);
        }
        String[] at = after.split(":");
        long tape = Long.parseLong(at[0]);
        long tapeFile = Long.parseLong(at[1]);
        // why: the rest of the tape file, else of the tape, else the next tapes: three ranges of the index, where a
        // row comparison (tape, file, position) > (?, ?, ?) has both databases scan the plan from its start
        List<Step> steps = steps("AND r.tape_id = ? AND r.tape_file = ? AND r.position > ? ",
                List.of(executionId, tape, tapeFile, Long.parseLong(at[2])), limit);
        if (steps.isEmpty()) {
            steps = steps("AND r.tape_id = ? AND r.tape_file > ? ", List.of(executionId, tape, tapeFile), limit);
        }
        if (steps.isEmpty()) {
            steps = steps("AND r.tape_id > ? ", List.of(executionId, tape), limit);
        }
        return steps;
    }

    private List<Step> steps(String range, List<Object> parameters, int limit) {
        return jdbc.prepareStatement(SELECT + range + "ORDER BY r.tape_id, r.tape_file, r.position LIMIT " + limit, statement -> {
            SqlParameters.bind(statement, parameters);
            List<Step> steps = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    steps.add(new Step(RestoreQueue.item(rs), rs.getInt(12), rs.getInt(13) == 1));
                }
            }
            return steps;
        });
    }

    /** Drops the plan of a finished restore (deleting the execution drops it too). */
    @Transactional
    void clear(long executionId) {
        Sql.update(jdbc, "DELETE FROM restore_item WHERE execution_id = ?", executionId);
    }
}
