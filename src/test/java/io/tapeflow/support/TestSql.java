package io.tapeflow.support;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.tapeflow.persistence.SqlParameters;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Writes rows the API cannot (catalog entries, runs) straight into the test's database. */
public final class TestSql {

    private final DataSource dataSource;

    public TestSql(DataSource dataSource) {
        // The injected DataSource only hands out the connection of a surrounding transaction.
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /** Runs one statement and answers the generated id, or -1 when it generates none. */
    public long insert(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            SqlParameters.bind(statement, Arrays.asList(parameters));
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** A catalog file of {@code size} bytes, stored whole on one tape at (tapeFile, position); answers the file's id. */
    public long catalogFileOnTape(String path, long size, String barcode, int tapeFile, int position) {
        long file = insert("INSERT INTO catalog_file (path, size, checksum, checksum_type, creation_date)"
                + " VALUES (?, ?, 'abc', 'xxh64', CURRENT_TIMESTAMP)", path, size);
        insert("INSERT INTO catalog_copy (file_id, tape_id, tape_barcode, tape_file, position, part_offset, part_length,"
                + " creation_date) SELECT ?, id, barcode, ?, ?, 0, ?, CURRENT_TIMESTAMP FROM tape WHERE barcode = ?",
                file, tapeFile, position, size, barcode);
        return file;
    }

    /** Every row of a query, each as its column values. */
    public List<Object[]> rows(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            SqlParameters.bind(statement, Arrays.asList(parameters));
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /**
     * A run of a task (0: none) that ended at {@code finished}, or is still going when that is null,
     * having moved {@code files} files of {@code bytes} bytes; answers its id.
     */
    public long execution(long taskId, long ownerId, String workflowAction, String status, java.time.Instant finished, long files, long bytes) {
        return insert("INSERT INTO task_execution (task_id, owner_id, name, workflow_type, workflow_action, status,"
                + " control, job_id, job_finished, to_process_size, processed_size, in_flight_size, to_process_files, processed_files,"
                + " finalized_files, skipped_files, failed_files, bandwidth, progress, planned, checkpoint_source, files_past_checkpoint,"
                + " creation_date, modification_date) VALUES (?, ?, 'hand-made', 'active_archive', ?, ?, 'none',"
                + " '00000000-0000-0000-0000-000000000000', ?, ?, ?, 0, ?, ?, ?, 0, 0, 0, 100, TRUE, 0, FALSE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                taskId, ownerId, workflowAction, status, finished, bytes, bytes, files, files, files);
    }
}
