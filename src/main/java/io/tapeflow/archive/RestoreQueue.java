package io.tapeflow.archive;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.tapeflow.list.SqlFragment;
import io.tapeflow.persistence.PathKey;
import io.tapeflow.persistence.SqlParameters;
import io.tapeflow.task.TaskEndpoint;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a run reads off tape, in physical order (tape, tape file, entry) whatever order the files were
 * asked in: the catalog copies of the files under a path of a pool or tape. Of each file it reads one
 * whole copy (all the parts of one copy set), one with no part on a cartridge marked lost, so a
 * duplicate stands in for a lost original; a copy with a part in the source comes first, then the oldest.
 */
@Singleton
class RestoreQueue {

    static final int BATCH = 1000;
    private static final String SELECT = "SELECT c.tape_id, c.tape_file, c.position, c.part_offset, c.part_length, f.id, f.path, f.size, "
            + "f.modification_date, f.checksum, f.checksum_type FROM catalog_copy c JOIN catalog_file f ON f.id = c.file_id "
            + "JOIN tape t ON t.id = c.tape_id ";
    private static final String CHOSEN_COPY = "WHERE t.lost = FALSE AND COALESCE(c.copy_set, 0) = (SELECT COALESCE(c2.copy_set, 0) "
            + "FROM catalog_copy c2 JOIN tape t2 ON t2.id = c2.tape_id WHERE c2.file_id = c.file_id GROUP BY COALESCE(c2.copy_set, 0) "
            + "HAVING MAX(CASE WHEN t2.lost = TRUE THEN 1 ELSE 0 END) = 0 "
            + "ORDER BY MIN(CASE WHEN %1$s THEN 0 ELSE 1 END), COALESCE(c2.copy_set, 0) LIMIT 1) "
            + "AND EXISTS (SELECT 1 FROM catalog_copy c3 JOIN tape t3 ON t3.id = c3.tape_id WHERE c3.file_id = f.id AND %2$s) ";
    /**
     * The path or what lies under it, narrowed on the path key index first (see PathKey). why: as a subquery, so
     * that H2 starts from the matching files whatever the pattern; a plain join condition made it start from the
     * tapes when the key pattern ends with a wildcard, and run the copy choice for every copy of the pool.
     */
    private static final String UNDER_PATH = "AND f.id IN (SELECT k.id FROM catalog_file k WHERE k.path_key LIKE ? "
            + "AND (k.path = ? OR k.path LIKE ?)) ";
    private static final String NOT_COPIED_TO = "AND NOT EXISTS (SELECT 1 FROM catalog_copy c4 JOIN tape t4 ON t4.id = c4.tape_id "
            + "WHERE c4.file_id = f.id AND %s) ";

    private final JdbcOperations jdbc;

    RestoreQueue(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Which files a run reads: those with a copy in {@code source} (under its path); with {@code firstParts}
     * only the first part of each (runs copying whole files fetch the rest with {@link #parts}); without the
     * files that have a copy in {@code copiedTo} already, when set.
     */
    record Selection(TaskEndpoint source, TaskEndpoint copiedTo, boolean firstParts) {

        static Selection of(TaskEndpoint source) {
            return new Selection(source, null, false);
        }
    }

    /** One part of a file to read: where it is, and what the catalog says of the file. */
    record Item(long tapeId, int tapeFile, int position, long partOffset, long partLength, long fileId, String path, long size,
                Instant mtime, String checksum, String checksumType) {

        boolean whole() {
            return partOffset == 0 && partLength == size;
        }

        String checkpoint() {
            return tapeId + ":" + tapeFile + ":" + position;
        }
    }

    /** Files and bytes the selection holds. */
    @ReadOnly
    long[] totals(Selection selection) {
        String bytes = selection.firstParts() ? "f.size" : "c.part_length";
        return jdbc.prepareStatement("SELECT COUNT(DISTINCT f.id), COALESCE(SUM(" + bytes + "), 0) FROM catalog_copy c "
                + "JOIN catalog_file f ON f.id = c.file_id JOIN tape t ON t.id = c.tape_id " + where(selection), statement -> {
            SqlParameters.bind(statement, parameters(selection, null));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new long[]{rs.getLong(1), rs.getLong(2)};
            }
        });
    }

    /** The next items after the checkpoint ({@code tape:file:position}, or null from the start). */
    @ReadOnly
    List<Item> next(Selection selection, String after) {
        return next(selection, after, BATCH);
    }

    /** The first item after the checkpoint, if any. */
    @ReadOnly
    java.util.Optional<Item> first(Selection selection, String after) {
        return next(selection, after, 1).stream().findFirst();
    }

    /**
     * Every copy (or part) on one cartridge after the checkpoint, in physical order, lost or not and whatever
     * other copies the files have: what a consistency check of that cartridge reads.
     */
    @ReadOnly
    List<Item> onTape(long tapeId, String after) {
        List<Object> parameters = new ArrayList<>(List.of(tapeId));
        parameters.addAll(checkpoint(after));
        return items(SELECT + "WHERE c.tape_id = ? " + inOrderAfter(after, BATCH), parameters);
    }

    private List<Item> next(Selection selection, String after, int limit) {
        return items(SELECT + where(selection) + inOrderAfter(after, limit), parameters(selection, after));
    }

    /** Physical order from the checkpoint on ({@code tape:file:position}, bound by {@link #checkpoint}). */
    private static String inOrderAfter(String after, int limit) {
        return (after == null ? "" : "AND (c.tape_id, c.tape_file, c.position) > (?, ?, ?) ")
                + "ORDER BY c.tape_id, c.tape_file, c.position LIMIT " + limit;
    }

    /**
     * The copy rows (alias {@code c}, file {@code f}, tape {@code t}) of what the selection reads, with their
     * parameters: what {@link RestorePlan} inserts into a restore's plan.
     */
    static SqlFragment chosen(Selection selection) {
        return new SqlFragment(where(selection), parameters(selection, null));
    }

    /** Every part of the copy of a file that a run reading {@code source} reads, in the file's byte order. */
    @ReadOnly
    List<Item> parts(TaskEndpoint source, long fileId) {
        List<Object> parameters = new ArrayList<>(List.of(scopeId(source), scopeId(source)));
        parameters.add(fileId);
        return items(SELECT + String.format(CHOSEN_COPY, scope(source, "c2", "t2"), scope(source, "c3", "t3"))
                + "AND f.id = ? ORDER BY c.part_offset", parameters);
    }

    private List<Item> items(String sql, List<Object> parameters) {
        return jdbc.prepareStatement(sql, statement -> {
            SqlParameters.bind(statement, parameters);
            List<Item> items = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    items.add(item(rs));
                }
            }
            return items;
        });
    }

    /** An item from the current row: its first 11 columns, in the order of {@link #SELECT}. */
    static Item item(ResultSet rs) throws java.sql.SQLException {
        java.sql.Timestamp mtime = rs.getTimestamp(9);
        return new Item(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                rs.getString(7), rs.getLong(8), mtime == null ? null : mtime.toInstant(), rs.getString(10), rs.getString(11));
    }

    private static String where(Selection selection) {
        TaskEndpoint source = selection.source();
        return String.format(CHOSEN_COPY, scope(source, "c2", "t2"), scope(source, "c3", "t3")) + UNDER_PATH
                + (selection.firstParts() ? "AND c.part_offset = 0 " : "")
                + (selection.copiedTo() == null ? "" : String.format(NOT_COPIED_TO, scope(selection.copiedTo(), "c4", "t4")));
    }

    /** The condition that a copy row (alias {@code copy}, its tape {@code tape}) lies in the pool or on the tape. */
    private static String scope(TaskEndpoint endpoint, String copy, String tape) {
        return endpoint.isTape() ? copy + ".tape_id = ?" : tape + ".pool_id = ?";
    }

    private static Object scopeId(TaskEndpoint endpoint) {
        return endpoint.isTape() ? endpoint.tapeId() : endpoint.poolId();
    }

    private static List<Object> parameters(Selection selection, String after) {
        TaskEndpoint source = selection.source();
        String path = source.path();
        String under = path.equals("/") ? "/" : path + "/";
        List<Object> parameters = new ArrayList<>(Arrays.asList(scopeId(source), scopeId(source), PathKey.startingWith(path), path,
                PathKey.escape(under) + "%"));
        if (selection.copiedTo() != null) {
            parameters.add(scopeId(selection.copiedTo()));
        }
        parameters.addAll(checkpoint(after));
        return parameters;
    }

    private static List<Object> checkpoint(String after) {
        List<Object> parameters = new ArrayList<>();
        if (after != null) {
            for (String part : after.split(":")) {
                parameters.add(Long.parseLong(part));
            }
        }
        return parameters;
    }
}
