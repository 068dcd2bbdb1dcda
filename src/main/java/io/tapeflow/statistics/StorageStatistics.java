package io.tapeflow.statistics;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.tapeflow.persistence.Sql;
import io.tapeflow.pool.PoolContent;
import io.tapeflow.pool.PoolType;
import jakarta.inject.Singleton;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Files and bytes per container, pool and tape. The catalog's sums are grouped in the database over
 * the covering index (tape_id, file_id, part_length); containers, pools and tapes are few.
 */
@Singleton
public class StorageStatistics {

    private final JdbcOperations jdbc;

    public StorageStatistics(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @ReadOnly
    public Storage storage() {
        return new Storage(containers(), pools(), tapes());
    }

    private List<Storage.ContainerUsage> containers() {
        return Sql.query(jdbc, "SELECT id, name, stat_total_files, stat_total_size, quota_total_size, last_update FROM container ORDER BY name, id",
                row -> {
                    Timestamp lastUpdate = row.getTimestamp(6);
                    return new Storage.ContainerUsage(row.getLong(1), row.getString(2), row.getLong(3), row.getLong(4), row.getLong(5),
                            lastUpdate == null ? null : lastUpdate.toInstant());
                });
    }

    private List<Storage.TapeUsage> tapes() {
        return Sql.query(jdbc, "SELECT t.id, t.barcode, t.tape_library_id, t.pool_id, t.max, t.free, c.files, c.bytes FROM tape t"
                        + " LEFT JOIN (SELECT tape_id, COUNT(DISTINCT file_id) AS files, SUM(part_length) AS bytes FROM catalog_copy"
                        + " WHERE tape_id IS NOT NULL GROUP BY tape_id) c ON c.tape_id = t.id ORDER BY t.barcode",
                row -> {
                    long poolId = row.getLong(4);
                    Long pool = row.wasNull() ? null : poolId;
                    long max = row.getLong(5);
                    long free = row.getLong(6);
                    return new Storage.TapeUsage(row.getLong(1), row.getString(2), row.getLong(3), pool, row.getLong(7), row.getLong(8),
                            max, free, max - free);
                });
    }

    private List<Storage.PoolUsage> pools() {
        // tape pools: (tapes, max, free) and the catalog's (files, bytes); nas pools: (containers, files, bytes)
        Map<Long, long[]> tapes = byPool("SELECT pool_id, COUNT(*), SUM(max), SUM(free) FROM tape WHERE pool_id IS NOT NULL GROUP BY pool_id", 3);
        Map<Long, long[]> archived = byPool("SELECT t.pool_id, COUNT(DISTINCT c.file_id), SUM(c.part_length) FROM catalog_copy c"
                + " JOIN tape t ON t.id = c.tape_id WHERE t.pool_id IS NOT NULL GROUP BY t.pool_id", 2);
        Map<Long, long[]> containers = byPool("SELECT pc.pool_id, COUNT(*), SUM(c.stat_total_files), SUM(c.stat_total_size)"
                + " FROM pool_container pc JOIN container c ON c.id = pc.container_id GROUP BY pc.pool_id", 3);
        return Sql.query(jdbc, "SELECT id, name, type, content FROM pool ORDER BY name, id", row -> {
            long id = row.getLong(1);
            String name = row.getString(2);
            PoolType type = PoolType.valueOf(row.getString(3));
            PoolContent content = PoolContent.valueOf(row.getString(4));
            if (content == PoolContent.tape) {
                long[] members = tapes.getOrDefault(id, new long[3]);
                long[] files = archived.getOrDefault(id, new long[2]);
                return new Storage.PoolUsage(id, name, type, content, members[0], 0, files[0], files[1],
                        members[1], members[2], members[1] - members[2]);
            }
            long[] members = containers.getOrDefault(id, new long[3]);
            return new Storage.PoolUsage(id, name, type, content, 0, members[0], members[1], members[2], null, null, null);
        });
    }

    /** The rows of a query grouped by pool: its first column is the pool id, then {@code columns} numbers. */
    private Map<Long, long[]> byPool(String sql, int columns) {
        return Sql.rows(jdbc, sql, columns + 1).stream().collect(Collectors.toMap(row -> row[0],
                row -> Arrays.copyOfRange(row, 1, columns + 1)));
    }
}
