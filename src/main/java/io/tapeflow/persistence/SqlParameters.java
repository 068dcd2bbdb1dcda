package io.tapeflow.persistence;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** Binds parameters to a statement the way Micronaut Data does: Instants as UTC timestamps. */
public final class SqlParameters {

    private SqlParameters() {
    }

    public static void bind(PreparedStatement statement, List<?> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            statement.setObject(i + 1, value instanceof Instant instant ? Timestamp.from(instant) : value);
        }
    }
}
