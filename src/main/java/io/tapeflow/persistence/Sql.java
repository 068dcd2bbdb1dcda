package io.tapeflow.persistence;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One-statement SQL on the current transaction's connection, parameters bound by {@link SqlParameters}
 * (nulls allowed), for the stores that write a few columns at a time rather than whole entities.
 */
public final class Sql {

    private Sql() {
    }

    /** Runs an INSERT, UPDATE or DELETE and answers the rows it touched. */
    public static int update(JdbcOperations jdbc, String sql, Object... parameters) {
        return jdbc.prepareStatement(sql, statement -> {
            SqlParameters.bind(statement, Arrays.asList(parameters));
            return statement.executeUpdate();
        });
    }

    /** Runs an INSERT and answers the id the database generated. */
    public static long insert(JdbcOperations jdbc, String sql, Object... parameters) {
        try (PreparedStatement statement = jdbc.getConnection().prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            SqlParameters.bind(statement, Arrays.asList(parameters));
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new DataAccessException("could not insert: " + e.getMessage(), e);
        }
    }

    /** The first column of every row, as numbers (NULL reads as 0). */
    public static List<Long> longs(JdbcOperations jdbc, String sql, Object... parameters) {
        return rows(jdbc, sql, 1, parameters).stream().map(row -> row[0]).toList();
    }

    /** The single number a query such as {@code SELECT COUNT(*)} answers; 0 when it answers no row. */
    public static long number(JdbcOperations jdbc, String sql, Object... parameters) {
        List<Long> values = longs(jdbc, sql, parameters);
        return values.isEmpty() ? 0 : values.get(0);
    }

    /** The first {@code columns} columns of every row, as numbers (NULL reads as 0). */
    public static List<long[]> rows(JdbcOperations jdbc, String sql, int columns, Object... parameters) {
        return jdbc.prepareStatement(sql, statement -> {
            SqlParameters.bind(statement, Arrays.asList(parameters));
            List<long[]> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long[] row = new long[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = rs.getLong(i + 1);
                    }
                    rows.add(row);
                }
            }
            return rows;
        });
    }

    /** Reads one row of a result set (the cursor is already on it). */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Every row of a query, each read by {@code reader}. */
    public static <T> List<T> query(JdbcOperations jdbc, String sql, RowReader<T> reader, Object... parameters) {
        return jdbc.prepareStatement(sql, statement -> {
            SqlParameters.bind(statement, Arrays.asList(parameters));
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        });
    }
}
