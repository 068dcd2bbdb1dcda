package io.tapeflow.pool;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface PoolRepository extends CrudRepository<Pool, Long> {

    /** Compares as the database collation does (case-insensitively), like the unique constraint. */
    List<Long> findIdByName(String name);

    void update(@Id Long id, String name, @Nullable String comment, PoolType type, Instant modificationDate,
                String modificationUsername);
}
