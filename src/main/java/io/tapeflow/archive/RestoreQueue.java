package io.tapeflow.archive;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.tapeflow.persistence.SqlParameters;
import io.tapeflow.task.TaskEndpoint;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a restore reads, in physical order (tape, tape file, entry) whatever order the files were asked
 * in: the catalog copies of the files under a path of a pool or tape, one copy per file part, taken
 * from a cartridge that is not marked lost (so a duplicate stands in for a lost original).
 */
@Singleton
class RestoreQueue {

    static final int BATCH = 1000;
    private static final String SELECT = "SELECT c.tape_id, c.tape_file, c.position, c.part_offset, c.part_length, f.id, f.path, f.size, "
            + "f.modification_date, f.checksum, f.checksum_type FROM catalog_copy c JOIN catalog_file f ON f.id = c.file_id "
            + "JOIN tape t ON t.id = c.tape_id ";
    private static final String SCOPE = "WHERE t.lost = FALSE "
            + "AND c.tape_id = (SELECT MIN(c2.tape_id) FROM catalog_copy c2 JOIN tape t2 ON t2.id = c2.tape_id "
            + "WHERE c2.file_id = c.file_id AND c2.part_offset = c.part_offset AND t2.lost = FALSE) "
            + "AND EXISTS (SELECT 1 FROM catalog_copy c3 JOIN tape t3 ON t3.id = c3.tape_id WHERE c3.file_id = f.id AND %s) "
            + "AND (f.path = ? OR f.path LIKE ?) ";

    private final JdbcOperations jdbc;

    RestoreQueue(JdbcOperations jdbc) {
        this.jdbc = jdbc;
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

    /** Files and bytes the source holds. */
    @ReadOnly
    long[] totals(TaskEndpoint source) {
        return jdbc.prepareStatement("SELECT COUNT(DISTINCT f.id), COALESCE(SUM(c.part_length), 0) FROM catalog_copy c "
                + "JOIN catalog_file f ON f.id = c.file_id JOIN tape t ON t.id = c.tape_id " + scope(source), statement -> {
            SqlParameters.bind(statement, parameters(source, null));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new long[]{rs.getLong(1), rs.getLong(2)};
            }
        });
    }

    /** The next items after the checkpoint ({@code tape:file:position}, or null from the start). */
    @ReadOnly
    List<Item> next(TaskEndpoint source, String after) {
        return items(scope(source), parameters(source, after), after);
    }

    /**
     * Every copy (or part) on one cartridge after the checkpoint, in physical order, lost or not and whatever
     * other copies the files have: what a consistency check of that cartridge reads.
     */
    @ReadOnly
    List<Item> onTape(long tapeId, String after) {
        List<Object> parameters = new ArrayList<>(List.of(tapeId));
        parameters.addAll(checkpoint(after));
        return items("WHERE c.tape_id = ? ", parameters, after);
    }

    private List<Item> items(String where, List<Object> parameters, String after) {
        String sql = SELECT + where + (after == null ? "" : "AND (c.tape_id, c.tape_file, c.position) > (?, ?, ?) ")
                + "ORDER BY c.tape_id, c.tape_file, c.position LIMIT " + BATCH;
        return jdbc.prepareStatement(sql, statement -> {
            SqlParameters.bind(statement, parameters);
            List<Item> items = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    java.sql.Timestamp mtime = rs.getTimestamp(9);
                    items.add(new Item(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                            rs.getString(7), rs.getLong(8), mtime == null ? null : mtime.toInstant(), rs.getString(10), rs.getString(11)));
                }
            }
            return items;
        });
    }

    private static String scope(TaskEndpoint source) {
        return String.format(SCOPE, source.isTape() ? "c3.tape_id = ?" : "t3.pool_id = ?");
    }

    private static List<Object> parameters(TaskEndpoint source, String after) {
        String path = source.path();
        String prefix = (path.equals("/") ? "" : path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")) + "/%";
        List<Object> parameters = new ArrayList<>(Arrays.asList(source.isTape() ? source.tapeId() : source.poolId(), path, prefix));
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
