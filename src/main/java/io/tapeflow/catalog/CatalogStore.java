package io.tapeflow.catalog;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.exceptions.DataAccessException;
import io.tapeflow.persistence.DbTime;
import io.tapeflow.persistence.SqlParameters;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;

/**
 * Writes the catalog: a row per archived file version and a row per copy (or part of one) on tape.
 * Callers write in the transaction that also moves the tape's free space and the run's checkpoint,
 * so the catalog only ever names tape files whose file mark the device confirmed.
 */
@Singleton
@io.micronaut.transaction.annotation.Transactional
public class CatalogStore {

    private final JdbcOperations jdbc;

    public CatalogStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** A file version; {@code checksum} may be null until its last part is on tape. */
    public long addFile(String path, long size, Instant mtime, String checksum, String checksumType, long taskId, long executionId) {
        try (PreparedStatement statement = jdbc.getConnection().prepareStatement("INSERT INTO catalog_file (path, size, modification_date, "
                + "checksum, checksum_type, task_id, execution_id, creation_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            SqlParameters.bind(statement, Arrays.asList(path, size, mtime, checksum, checksumType, taskId, executionId, DbTime.now()));
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new DataAccessException("catalog file not recorded: " + e.getMessage(), e);
        }
    }

    /** Where a file (or the byte range {@code partOffset}+{@code partLength} of it) lies on tape. */
    public void addTapeCopy(long fileId, long tapeId, String barcode, int tapeFile, int position, long partOffset, long partLength) {
        update("INSERT INTO catalog_copy (file_id, tape_id, tape_barcode, tape_file, position, part_offset, part_length, creation_date) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", fileId, tapeId, barcode, tapeFile, position, partOffset, partLength, DbTime.now());
    }

    /** The whole-file checksum of a file whose last part is now on tape. */
    public void completeFile(long fileId, String checksum) {
        update("UPDATE catalog_file SET checksum = ? WHERE id = ?", checksum, fileId);
    }

    /** Whether the catalog already holds this path with this size and time (conflict resolution {@code ignore}). */
    public boolean holds(String path, long size, Instant mtime) {
        return jdbc.prepareStatement("SELECT 1 FROM catalog_file WHERE path = ? AND size = ? AND modification_date = ?", statement -> {
            SqlParameters.bind(statement, Arrays.asList(path, size, mtime));
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        });
    }

    /** Forgets every copy on a tape (it is being formatted); files left without any copy go too. */
    public int forgetTape(long tapeId) {
        int copies = update("DELETE FROM catalog_copy WHERE tape_id = ?", tapeId);
        update("DELETE FROM catalog_file WHERE NOT EXISTS (SELECT 1 FROM catalog_copy c WHERE c.file_id = catalog_file.id)");
        return copies;
    }

    public long copiesOn(long tapeId) {
        return jdbc.prepareStatement("SELECT COUNT(*) FROM catalog_copy WHERE tape_id = ?", statement -> {
            statement.setLong(1, tapeId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private int update(String sql, Object... parameters) {
        return jdbc.prepareStatement(sql, statement -> {
            SqlParameters.bind(statement, Arrays.asList(parameters));
            return statement.executeUpdate();
        });
    }
}
