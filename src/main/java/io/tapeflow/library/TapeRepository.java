package io.tapeflow.library;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface TapeRepository extends CrudRepository<Tape, Long> {

    List<Long> findIdByBarcode(String barcode);

    Optional<Tape> findByBarcode(String barcode);

    List<Tape> findByTapeLibraryId(long tapeLibraryId);


    /** Records where the robot says the cartridge is now (possibly in another library). */
    void update(@Id Long id, long tapeLibraryId, LocationKind locationKind, int locationNumber, boolean mounted,
                boolean ejected, Instant modificationDate);

    /** Writes only what an admin may change. */
    void update(@Id Long id, @Nullable Long poolId, boolean locked, boolean writeProtect, boolean lost, boolean scratch,
                Instant modificationDate);

    void updateEjected(@Id Long id, boolean ejected, Instant modificationDate);
}
