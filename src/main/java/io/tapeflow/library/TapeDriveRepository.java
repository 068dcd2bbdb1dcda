package io.tapeflow.library;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface TapeDriveRepository extends CrudRepository<TapeDrive, Long> {

    /** Writes only what an admin may change, so the allocator's lease and live progress are never overwritten. */
    void update(@Id Long id, String name, @Nullable String serial, @Nullable String device, DeviceStatus status,
                Instant modificationDate);
}
