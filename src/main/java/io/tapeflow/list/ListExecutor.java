package io.tapeflow.list;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.tapeflow.persistence.SqlParameters;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** Runs a {@link ListQuery} against the database and maps the rows to a Micronaut Data entity. */
@Singleton
public class ListExecutor {

    private final JdbcOperations jdbc;

    public ListExecutor(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param scope conditions the caller may not lift, such as "owned by me"
     * @param type  the {@code @MappedEntity} every row of {@code schema.from()} maps to
     */
    @ReadOnly
    public <T> ListPage<T> fetch(ListSchema schema, String select, ListQuery query, SqlFragment scope, Class<T> type) {
        SqlFragment where = ListSql.where(query, scope);
        // A walk by cursor counts once, on its first page, and carries the total along.
        long count = query.cursor() != null && query.cursor().count() >= 0 ? query.cursor().count() : jdbc.prepareStatement(ListSql.count(schema, where).sql(), statement -> {
            SqlParameters.bind(statement, where.parameters());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        if (query.limit() == 0) {
            return new ListPage<>(count, List.of(), null);
        }
        SqlFragment page = ListSql.page(schema, select, query, where);
        return jdbc.prepareStatement(page.sql(), statement -> {
            SqlParameters.bind(statement, page.parameters());
            List<T> rows = new ArrayList<>(query.limit());
            List<Object> lastKeys = null;
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    if (rows.size() == query.limit()) {
                        return new ListPage<>(count, rows, new Cursor(SortTerm.signature(query.sort()), lastKeys, count).encode());
                    }
                    rows.add(jdbc.readEntity(rs, type));
                    lastKeys = sortKeys(rs, query.sort());
                }
            }
            return new ListPage<>(count, rows, null);
        });
    }

    private static List<Object> sortKeys(ResultSet rs, List<SortTerm> sort) throws SQLException {
        List<Object> keys = new ArrayList<>(sort.size());
        for (int i = 0; i < sort.size(); i++) {
            String alias = ListSql.sortKeyAlias(i);
            Object key = switch (sort.get(i).attribute().type()) {
                case INTEGER -> rs.getLong(alias);
                case BOOLEAN -> rs.getBoolean(alias);
                case INSTANT -> {
                    Timestamp timestamp = rs.getTimestamp(alias);
                    yield timestamp == null ? null : timestamp.toInstant();
                }
                case TEXT, ENUM -> rs.getString(alias);
            };
            keys.add(rs.wasNull() ? null : key);
        }
        return keys;
    }
}
