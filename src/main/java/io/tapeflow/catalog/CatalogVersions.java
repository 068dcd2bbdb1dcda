package io.tapeflow.catalog;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.tapeflow.persistence.PathKey;
import io.tapeflow.persistence.Sql;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the catalog already knows of the entries a scan reads from a tape: the copies it records in a tape file, and
 * the file version an entry missing from it belongs to (same path, size and modification time), so a rebuilt copy
 * joins its file instead of making the file appear twice.
 */
@Singleton
@Transactional
public class CatalogVersions {

    /**
     * Tapeflow's pax headers keep a modification time to 100 ns, the catalog to 1 µs, which H2 rounds and MariaDB
     * truncates: the same time read back may differ by that much, never by a millisecond.
     */
    private static final Duration TIME_TOLERANCE = Duration.ofMillis(1);
    private static final String VERSION = "SELECT f.id FROM catalog_file f WHERE f.path_key LIKE ? AND f.path = ? AND f.size = ? "
            + "AND f.modification_date BETWEEN ? AND ? "
            + "AND NOT EXISTS (SELECT 1 FROM catalog_copy c WHERE c.file_id = f.id AND (c.tape_id = ? OR c.part_length %s f.size)) ";

    private final JdbcOperations jdbc;

    public CatalogVersions(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The file each entry of a tape file is recorded as a copy of, by entry position. */
    public Map<Integer, Long> copiesIn(long tapeId, int tapeFile) {
        Map<Integer, Long> files = new HashMap<>();
        for (long[] row : Sql.rows(jdbc, "SELECT c.position, c.file_id FROM catalog_copy c WHERE c.tape_id = ? AND c.tape_file = ?", 2, tapeId, tapeFile)) {
            files.put((int) row[0], row[1]);
        }
        return files;
    }

    /**
     * A version of the file stored whole elsewhere (every copy whole, none on this tape) whose checksum does not
     * contradict {@code checksum} ({@code null} when none was computed).
     */
    public Optional<Long> whole(String path, long size, Instant mtime, String checksumType, String checksum, long tapeId) {
        List<Object> parameters = parameters(path, size, mtime, tapeId);
        String sql = String.format(VERSION, "<>");
        if (checksum != null) {
            sql += "AND (f.checksum IS NULL OR f.checksum_type <> ? OR f.checksum = ?) ";
            parameters.add(checksumType);
            parameters.add(checksum);
        }
        return first(sql + "ORDER BY f.id LIMIT 1", parameters);
    }

    /**
     * A version of the file stored in parts (none on this tape) that this part, from byte {@code partOffset}, belongs
     * to: for a later part, one whose previous part ends there. One lacking this part is preferred.
     */
    public Optional<Long> spanning(String path, long size, Instant mtime, long partOffset, long tapeId) {
        List<Object> parameters = parameters(path, size, mtime, tapeId);
        String sql = String.format(VERSION, "=");
        if (partOffset > 0) {
            sql += "AND EXISTS (SELECT 1 FROM catalog_copy c WHERE c.file_id = f.id AND c.part_offset + c.part_length = ?) ";
            parameters.add(partOffset);
        }
        parameters.add(partOffset);
        return first(sql + "ORDER BY CASE WHEN EXISTS (SELECT 1 FROM catalog_copy c WHERE c.file_id = f.id AND c.part_offset = ?) "
                + "THEN 1 ELSE 0 END, f.id LIMIT 1", parameters);
    }

    /**
     * The copy set of a copy (or part) the scan records, as the archiver and duplication give every part of one copy
     * the id of the run that wrote it (V11). A part joins the copy of the file's part that ends where it begins or
     * begins where it ends (one not holding a part at this offset yet). Otherwise it starts a copy of its own: the
     * scan's {@code runId}, unless this scan gave another copy of the file that set already; then one below every
     * set the file has, which no run id can be, so two copies never read as one.
     */
    public long copySet(long fileId, boolean split, long partOffset, long partEnd, long runId) {
        if (split) {
            Optional<Long> joined = first("SELECT COALESCE(c.copy_set, 0) FROM catalog_copy c WHERE c.file_id = ? AND c.tape_id IS NOT NULL "
                    + "AND (c.part_offset + c.part_length = ? OR c.part_offset = ?) ORDER BY CASE WHEN EXISTS (SELECT 1 FROM catalog_copy s "
                    + "WHERE s.file_id = c.file_id AND COALESCE(s.copy_set, 0) = COALESCE(c.copy_set, 0) AND s.part_offset = ?) "
                    + "THEN 1 ELSE 0 END, c.id LIMIT 1", new ArrayList<>(List.of(fileId, partOffset, partEnd, partOffset)));
            if (joined.isPresent()) {
                return joined.get();
            }
        }
        if (Sql.number(jdbc, "SELECT COUNT(*) FROM catalog_copy WHERE file_id = ? AND copy_set = ?", fileId, runId) == 0) {
            return runId;
        }
        return Sql.number(jdbc, "SELECT LEAST(MIN(COALESCE(copy_set, 0)), 0) - 1 FROM catalog_copy WHERE file_id = ?", fileId);
    }

    private static List<Object> parameters(String path, long size, Instant mtime, long tapeId) {
        return new ArrayList<>(List.of(PathKey.of(path), path, size, mtime.minus(TIME_TOLERANCE), mtime.plus(TIME_TOLERANCE), tapeId));
    }

    private Optional<Long> first(String sql, List<Object> parameters) {
        return Sql.longs(jdbc, sql, parameters.toArray()).stream().findFirst();
    }
}
