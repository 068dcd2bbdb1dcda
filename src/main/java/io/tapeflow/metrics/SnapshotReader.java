package io.tapeflow.metrics;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.tapeflow.task.TaskStatus;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@link Snapshot} with a few aggregate queries, each over an index or a small table: runs are
 * counted only in the unfinished statuses (ended runs are counted as they end, by {@link WorkMetrics}),
 * so the cost does not grow with the history.
 */
@Singleton
class SnapshotReader {

    private final JdbcOperations jdbc;

    SnapshotReader(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @ReadOnly
    public Snapshot read() {
        return new Snapshot(
                counts("SELECT status, COUNT(*) FROM task_execution WHERE status IN " + TaskStatus.sql(TaskStatus.UNFINISHED) + " GROUP BY status"),
                jdbc.prepareStatement("SELECT COALESCE(SUM(bandwidth), 0) FROM task_execution WHERE status = 'in_progress'", statement -> {
                    try (ResultSet rs = statement.executeQuery()) {
                        return rs.next() ? rs.getLong(1) : 0L;
                    }
                }),
                rows("SELECT l.name, COUNT(d.id), COALESCE(SUM(CASE WHEN d.execution_id IS NULL THEN 0 ELSE 1 END), 0), "
                                + "COALESCE(SUM(CASE WHEN d.status = 'online' THEN 1 ELSE 0 END), 0) "
                                + "FROM tape_library l LEFT JOIN tape_drive d ON d.tape_library_id = l.id GROUP BY l.id, l.name",
                        rs -> new Snapshot.Library(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))),
                rows("SELECT p.name, COUNT(t.id), COALESCE(SUM(t.free), 0) FROM pool p "
                                + "LEFT JOIN tape t ON t.pool_id = p.id AND t.lost = FALSE WHERE p.content = 'tape' GROUP BY p.id, p.name",
                        rs -> new Snapshot.Pool(rs.getString(1), rs.getLong(2), rs.getLong(3))),
                counts("SELECT status, COUNT(*) FROM webhook_delivery WHERE status IN ('queued', 'working', 'failed') GROUP BY status"));
    }

    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> rows(String sql, RowReader<T> reader) {
        return jdbc.prepareStatement(sql, statement -> {
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        });
    }

    private Map<String, Long> counts(String sql) {
        Map<String, Long> counts = new HashMap<>();
        rows(sql, rs -> counts.put(rs.getString(1), rs.getLong(2)));
        return counts;
    }
}
