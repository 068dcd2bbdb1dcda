package io.tapeflow.container;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface ContainerRepository extends CrudRepository<Container, Long> {

    /** Compares as the database collation does (case-insensitively), like the unique constraint. */
    List<Long> findIdByName(String name);

    /** Writes only the admin's fields, so statistics a scan records meanwhile are never overwritten by an edit. */
    void update(@Id Long id, String name, @Nullable String comment, ContainerType type, String path,
                long quotaTotalSize, Instant modificationDate, String modificationUsername);

    /** Records what a scan of the whole container found. */
    void update(@Id Long id, long statTotalFiles, long statTotalSize, Instant lastUpdate);
}
