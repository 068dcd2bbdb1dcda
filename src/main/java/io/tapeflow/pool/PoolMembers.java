package io.tapeflow.pool;

import io.tapeflow.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.library.TapeService;
import io.tapeflow.persistence.SqlParameters;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pool's members: tapes (each in at most one pool, named by the tape's own pool_id) or containers
 * (pool_container rows). Checked in full before anything is written.
 */
@Singleton
public class PoolMembers {

    private final JdbcOperations jdbc;
    private final TapeService tapes;

    public PoolMembers(JdbcOperations jdbc, TapeService tapes) {
        this.jdbc = jdbc;
        this.tapes = tapes;
    }

    /** The member ids of each pool, in id order, in two queries whatever the number of pools. */
    Map<Long, List<Long>> of(List<Pool> pools) {
        Map<Long, List<Long>> members = new HashMap<>();
        pools.forEach(pool -> members.put(pool.id(), new ArrayList<>()));
        List<Long> tapePools = pools.stream().filter(p -> p.content() == PoolContent.tape).map(Pool::id).toList();
        List<Long> nasPools = pools.stream().filter(p -> p.content() == PoolContent.nas).map(Pool::id).toList();
        query("SELECT pool_id, id FROM tape WHERE pool_id IN (%s) ORDER BY id", tapePools,
                rs -> members.get(rs.getLong(1)).add(rs.getLong(2)));
        query("SELECT pool_id, container_id FROM pool_container WHERE pool_id IN (%s) ORDER BY container_id", nasPools,
                rs -> members.get(rs.getLong(1)).add(rs.getLong(2)));
        return members;
    }

    /** Adds an error for each member the request names that does not exist, or (a tape) is in another pool. */
    void check(Long poolId, PoolContent content, PoolRequest request, FieldErrors errors) {
        if (content == PoolContent.tape && request.containerIds() != null) {
            errors.add("container_ids", "invalid", "container_ids is for nas pools; a tape pool lists tape_ids");
        }
        if (content == PoolContent.nas && request.tapeIds() != null) {
            errors.add("tape_ids", "invalid", "tape_ids is for tape pools; a nas pool lists container_ids");
        }
        if (content == PoolContent.tape && request.tapeIds() != null) {
            Set<Long> found = new HashSet<>();
            query("SELECT t.id, t.barcode, p.id, p.name FROM tape t LEFT JOIN pool p ON p.id = t.pool_id WHERE t.id IN (%s)",
                    request.tapeIds(), rs -> {
                        found.add(rs.getLong(1));
                        long pool = rs.getLong(3);
                        if (!rs.wasNull() && !Long.valueOf(pool).equals(poolId)) {
                            errors.add("tape_ids", "taken", rs.getLong(1), "tape " + rs.getString(2) + " (id " + rs.getLong(1)
                                    + ") is already in pool " + rs.getString(4) + "; a tape belongs to one pool at most");
                        }
                    });
            unknown(request.tapeIds(), found, "tape_ids", "tape", errors);
        }
        if (content == PoolContent.nas && request.containerIds() != null) {
            Set<Long> found = new HashSet<>();
            query("SELECT id FROM container WHERE id IN (%s)", request.containerIds(), rs -> found.add(rs.getLong(1)));
            unknown(request.containerIds(), found, "container_ids", "container", errors);
        }
    }

    /** Makes the request's list the pool's whole membership; tapes that enter or leave must be free to move. */
    void write(long poolId, PoolContent content, PoolRequest request) {
        if (content == PoolContent.tape && request.tapeIds() != null) {
            Set<Long> current = new HashSet<>();
            query("SELECT id FROM tape WHERE pool_id IN (%s)", List.of(poolId), rs -> current.add(rs.getLong(1)));
            Set<Long> leaving = new HashSet<>(current);
            request.tapeIds().forEach(leaving::remove);
            List<Long> entering = request.tapeIds().stream().filter(id -> !current.contains(id)).toList();
            leaving.forEach(id -> tapes.requireMovable(tapes.find(id)));
            entering.forEach(id -> tapes.requireMovable(tapes.find(id)));
            leaving.forEach(id -> Sql.update(jdbc, "UPDATE tape SET pool_id = NULL WHERE id = ?", id));
            entering.forEach(id -> Sql.update(jdbc, "UPDATE tape SET pool_id = ? WHERE id = ?", poolId, id));
        }
        if (content == PoolContent.nas && request.containerIds() != null) {
            Sql.update(jdbc, "DELETE FROM pool_container WHERE pool_id = ?", poolId);
            request.containerIds().forEach(id -> Sql.update(jdbc, "INSERT INTO pool_container (pool_id, container_id) VALUES (?, ?)", poolId, id));
        }
    }

    private static void unknown(List<Long> requested, Set<Long> found, String field, String resource, FieldErrors errors) {
        requested.stream().filter(id -> !found.contains(id)).forEach(id ->
                errors.add(field, "invalid", id, field + ": there is no " + resource + " with id " + id));
    }

    private interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }

    /** @param sql with %s where the placeholders of {@code ids} go; nothing runs for no ids */
    private void query(String sql, List<?> ids, RowHandler handler) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.prepareStatement(sql.formatted(String.join(", ", Collections.nCopies(ids.size(), "?"))), statement -> {
            SqlParameters.bind(statement, ids);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    handler.handle(rs);
                }
            }
            return null;
        });
    }
}
