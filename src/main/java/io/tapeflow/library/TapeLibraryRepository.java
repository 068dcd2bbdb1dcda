package io.tapeflow.library;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface TapeLibraryRepository extends CrudRepository<TapeLibrary, Long> {

    /** Compares as the database collation does (case-insensitively), like the unique constraint. */
    List<Long> findIdByName(String name);

    /** Writes only what an admin may change after creation; the geometry comes from the library itself. */
    void update(@Id Long id, String name, @Nullable String comment, String device, @Nullable String serial,
                @Nullable String vendor, @Nullable String product, DeviceStatus status, Instant modificationDate,
                String modificationUsername);
}
